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
   * Whether this distance rejects some rows: cosine a zero-norm row, correlation a constant one
   * (their distance is undefined). The others accept every finite row.
   *
   * @return true for cosine and correlation
   */
  public boolean rejectsRows() {
    return this == COSINE || this == CORRELATION;
  }

  /**
   * Whether this distance rejects one row, by the test {@link RepresentationDistances} applies:
   * cosine a row of norm 0, correlation a row whose centred norm is not positive.
   *
   * @param data rows of {@code dims} floats, row-major
   * @param offset the row's first index
   * @param dims the row length
   * @return true if the row's distance is undefined under this metric
   */
  public boolean rejects(float[] data, int offset, int dims) {
    return switch (this) {
      case COSINE -> RowStatistics.norm(data, offset, dims) == 0.0;
      case CORRELATION -> !(RowStatistics.centredNorm(
          data, offset, RowStatistics.mean(data, offset, dims), dims) > 0.0);
      default -> false;
    };
  }

  /**
   * The first row of a block this distance rejects.
   *
   * @param data {@code rows} rows of {@code dims} floats, row-major
   * @param rows the number of rows
   * @param dims the row length
   * @return the row's index in the block, or -1 if every row is accepted
   */
  public int firstRejectedRow(float[] data, int rows, int dims) {
    if (!rejectsRows()) {
      return -1;
    }
    for (int r = 0; r < rows; r++) {
      if (rejects(data, r * dims, dims)) {
        return r;
      }
    }
    return -1;
  }

  /**
   * Why a row is rejected, naming the stimulus, e.g. "cosine distance: stimulus 's3' (row 3) has
   * a zero-norm representation; its cosine is undefined".
   *
   * @param id the stimulus id
   * @param row its row
   * @return the message
   * @throws IllegalStateException for a distance that rejects no row
   */
  public String rejectionMessage(String id, int row) {
    return switch (this) {
      case COSINE -> "cosine distance: stimulus '" + id + "' (row " + row + ") has a zero-norm "
          + "representation; its cosine is undefined";
      case CORRELATION -> "correlation distance: stimulus '" + id + "' (row " + row + ") has a "
          + "constant representation; its correlation is undefined";
      default -> throw new IllegalStateException(cliName() + " rejects no row");
    };
  }

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
