package org.mlem.core.batchsize;

import java.util.List;

/**
 * The outcome of a batch-size search: the chosen size, how many candidate sizes were tried, the
 * largest across-batch standard deviation at the chosen size, and warnings (correlated features,
 * maximum reached, estimation skipped).
 *
 * @param batchSize pairs per batch
 * @param rounds candidate sizes tried (0 when estimation was skipped)
 * @param maxStd largest across-batch std of a column-pair correlation at that size (NaN if skipped)
 * @param warnings human-readable warnings, possibly empty
 */
public record BatchSizeEstimate(int batchSize, int rounds, double maxStd, List<String> warnings) {
  /** Copies the warnings. */
  public BatchSizeEstimate {
    if (batchSize < 2) {
      throw new IllegalArgumentException("batch size must be >= 2, found " + batchSize);
    }
    warnings = List.copyOf(warnings);
  }
}
