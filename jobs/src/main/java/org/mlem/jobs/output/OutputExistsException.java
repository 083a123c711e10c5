package org.mlem.jobs.output;

/**
 * The output directory already exists and replacing it was not asked for. The command line
 * exits with code 2.
 */
public class OutputExistsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param dir the existing directory */
  public OutputExistsException(String dir) {
    super("output directory exists: " + dir + "; pass --overwrite to replace it");
  }

  /**
   * @param dir the output path
   * @param message why it cannot be written, and what to do
   */
  public OutputExistsException(String dir, String message) {
    super(message);
  }
}
