package org.mlem.jobs.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;

/**
 * Finds what went wrong behind Spark's wrappers, so a failure reaches the user as its root cause
 * in one line: Spark wraps errors as "Exception thrown in awaitResult:", "Job aborted due to stage
 * failure: ..." (with the task's stack trace in the message) and the like.
 */
public final class FailureCauses {
  /** How a task's InputException appears in the message of Spark's job failure. */
  private static final Pattern TASK_INPUT_ERROR =
      Pattern.compile(Pattern.quote(InputException.class.getName()) + ": ([^\\n]*)");

  private FailureCauses() {}

  /**
   * The user's bad input behind a failure: the first {@link InputException} in the cause chain,
   * else one a Spark task threw that reached the driver only as text in Spark's job failure
   * (rebuilt from its message line), else null.
   */
  public static InputException badInput(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InputException e) {
        return e;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = TASK_INPUT_ERROR.matcher(t.getMessage());
        if (m.find()) {
          return new InputException(m.group(1).strip(), failure);
        }
      }
    }
    return null;
  }

  /**
   * The first line of the root cause's message (the deepest cause that has a message; Spark's
   * analysis errors by their message without the plan), or the class name when none has one.
   */
  public static String rootLine(Throwable failure) {
    Throwable root = failure;
    String message = message(failure);
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (message(t) != null) {
        root = t;
        message = message(t);
      }
    }
    if (message == null) {
      return root.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  private static String message(Throwable t) {
    String message = t instanceof AnalysisException a ? a.getSimpleMessage() : t.getMessage();
    return message == null || message.isBlank() ? null : message;
  }
}
