package org.mlem.core.batchsize;

/**
 * Settings of the batch-size search (paper, Appendix C; docs/method.md section 6).
 *
 * @param initial first batch size tried, >= 2 (256)
 * @param batches batches drawn per candidate size, >= 2 (16)
 * @param threshold largest allowed across-batch standard deviation of a correlation, > 0 (0.01)
 * @param growth factor applied to the size when the threshold is not met, > 1 (1.2)
 * @param maximum largest size tried (2^20); reaching it yields a warning
 * @param correlationWarning mean |correlation| above which a pair of features is reported as
 *     correlated (0.5): permutation importance is unreliable for correlated features
 */
public record BatchSizeConfig(
    int initial, int batches, double threshold, double growth, int maximum,
    double correlationWarning) {

  /** Validates every field. */
  public BatchSizeConfig {
    if (initial < 2) {
      throw new IllegalArgumentException("initial batch size must be >= 2, found " + initial);
    }
    if (batches < 2) {
      throw new IllegalArgumentException("batches must be >= 2, found " + batches);
    }
    if (!(threshold > 0) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be > 0, found " + threshold);
    }
    if (!(growth > 1) || !Double.isFinite(growth)) {
      throw new IllegalArgumentException("growth must be > 1, found " + growth);
    }
    if (maximum < initial) {
      throw new IllegalArgumentException(
          "maximum batch size must be >= initial (" + initial + "), found " + maximum);
    }
    if (!(correlationWarning > 0 && correlationWarning <= 1)) {
      throw new IllegalArgumentException(
          "correlationWarning must be in (0, 1], found " + correlationWarning);
    }
  }

  /** The paper's settings: 256, 16 batches, 0.01, x1.2, up to 2^20, warn above 0.5. */
  public static BatchSizeConfig defaults() {
    return new BatchSizeConfig(256, 16, 0.01, 1.2, 1 << 20, 0.5);
  }
}
