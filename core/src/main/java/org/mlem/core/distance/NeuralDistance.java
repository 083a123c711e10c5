package org.mlem.core.distance;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dissimilarity between two neural representations y_i and y_j (docs/method.md section 3).
 * Precomputed RDMs are not a metric here; they are {@link PrecomputedRdm}.
 */
public enum NeuralDistance {
  /** ||y_i - y_j||_2 (the default). */
  EUCLIDEAN,
  /** ||y_i - y_j||_2^2. */
  SQEUCLIDEAN,
  /** ||y_i - y_j||_1. */
  MANHATTAN,
  /** 1 - cos(y_i, y_j), in [0, 2]; zero-norm vectors are rejected. */
  COSINE,
  /** 1 - Pearson r of the components of y_i and y_j, in [0, 2]; constant vectors are rejected. */
  CORRELATION,
  /** | ||y_i||_2 - ||y_j||_2 |. */
  NORM_DIFF;

  /**
   * The name used on the command line and in configuration files, e.g. {@code "norm_diff"}.
   *
   * @return the lower-case name
   */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a CLI name, case-insensitively, ignoring surrounding blanks.
   *
   * @param text one of euclidean, sqeuclidean, manhattan, cosine, correlation, norm_diff
   * @return the metric
   * @throws IllegalArgumentException if the name is unknown; the message lists the accepted names
   */
  public static NeuralDistance parse(String text) {
    if (text != null) {
      String key = text.trim().toLowerCase(Locale.ROOT);
      for (NeuralDistance d : values()) {
        if (d.cliName().equals(key)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException(
        "neural distance must be one of "
            + Arrays.stream(values()).map(NeuralDistance::cliName).collect(Collectors.joining(", "))
            + ", found "
            + (text == null ? "null" : "'" + text + "'"));
  }
}
