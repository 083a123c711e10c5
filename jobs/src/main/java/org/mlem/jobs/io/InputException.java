package org.mlem.jobs.io;

/**
 * Bad input: a missing file, a wrong column type, ragged or non-numeric rows, NaN or infinite
 * values, duplicate or unmatched ids, a constant feature, too few stimuli. The message names the
 * file, column, row or id and says what to do; the command line exits with code 2.
 */
public class InputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, where, and what to do */
  public InputException(String message) {
    super(message);
  }

  /** @param message what is wrong; @param cause the underlying error */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
