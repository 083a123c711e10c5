package org.mlem.core.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The score early stopping watches (docs/method.md section 4). Held-out stimuli are never used:
 * they are kept for the evaluation.
 *
 * <ul>
 *   <li>{@link #VALIDATION} (default): the soft-rank Spearman of one fixed batch of pairs of
 *       training stimuli (its own stream, drawn once), its targets scaled by that batch's own
 *       minimum and maximum. The same pairs and targets at every step, so a change of the score
 *       is a change of the metric, not of the batch.
 *   <li>{@link #TRAINING}: the score of each step's training batch, as the paper and the authors'
 *       package do. Noisy (a fresh batch every step) and its targets shift with the running
 *       minimum and maximum of the neural distances.
 * </ul>
 */
public enum StoppingSignal {
  /** A fixed validation batch of training pairs: the default. */
  VALIDATION("validation"),
  /** Each step's own training batch (the paper's rule). */
  TRAINING("training");

  private final String cliName;

  StoppingSignal(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in configuration files. */
  public String cliName() {
    return cliName;
  }

  /**
   * The signal named {@code name}, ignoring case and surrounding white space.
   *
   * @throws IllegalArgumentException if {@code name} names none; the message lists the accepted
   *     values
   */
  public static StoppingSignal parse(String name) {
    if (name != null) {
      String key = name.trim().toLowerCase(Locale.ROOT);
      for (StoppingSignal s : values()) {
        if (s.cliName.equals(key)) {
          return s;
        }
      }
    }
    String accepted =
        Arrays.stream(values()).map(StoppingSignal::cliName).collect(Collectors.joining(", "));
    String found = name == null ? "null" : "'" + name + "'";
    throw new IllegalArgumentException("stopping must be one of " + accepted + ", found " + found);
  }
}
