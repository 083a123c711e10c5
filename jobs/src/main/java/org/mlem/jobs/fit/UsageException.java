package org.mlem.jobs.fit;

/**
 * A mistake in the command line or the config file: an unknown option value, a number out of
 * range, contradicting options, an unknown YAML key. The command line exits with code 2 and
 * prints the message, which names the option or key, what was found and what is allowed.
 */
public class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and what is allowed */
  public UsageException(String message) {
    super(message);
  }

  /** @param message what is wrong; @param cause the underlying error */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
