package org.mlem.jobs.output;

import java.util.List;
import java.util.Locale;

/**
 * The warning a small batch size earns. Held-out scores and permutation importances are
 * Spearman correlations over one batch of B pairs; with few pairs the correlation takes only a
 * handful of values (B = 2: always +1 or -1), so a fit reports a perfect score and zero
 * importances that mean nothing. The command line refuses B below {@link #MINIMUM}; this warns
 * below {@link #ADVISED}, in the console and in run.json's warnings.
 */
public final class BatchSizeWarnings {
  /** The smallest batch size accepted: below it a Spearman takes at most four values. */
  public static final int MINIMUM = 4;
  /** Below this the warning is given. */
  public static final int ADVISED = 30;

  private BatchSizeWarnings() {}

  /** The warning for batch size {@code b}, or none. */
  public static List<String> of(int b) {
    if (b >= ADVISED) {
      return List.of();
    }
    return List.of(String.format(Locale.ROOT, "batch size %d is very small: held-out Spearman"
        + " and permutation importances are correlations over only %d pairs, so they are"
        + " coarse and unreliable (a perfect score or zero importances mean nothing); use"
        + " --batch-size auto or at least %d", b, b, ADVISED));
  }
}
