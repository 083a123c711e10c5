package org.mlem.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.rank.Ranks;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;

/**
 * Says when a fit has probably collapsed, so that it is never silent (docs/method.md section
 * 4). Two checks, on the fixed validation batch of training pairs (held-out stimuli are not
 * touched):
 *
 * <ul>
 *   <li>a feature whose weight ended near zero ({@code W_aa} at most {@value #NEAR_ZERO} of the
 *       largest diagonal weight) although its own distance correlates clearly with the neural
 *       distances (Spearman at least {@value #CLEAR_ASSOCIATION}): either the fit is trapped or
 *       the feature is redundant with others;
 *   <li>a fitted metric whose exact Spearman is more than {@value #PLATEAU_MARGIN} below that of
 *       the metric weighing every feature alike (W = I / sqrt(F)), a quick baseline any
 *       converged fit should match: the fit stopped on a plateau.
 * </ul>
 *
 * <p>The thresholds are heuristics for a warning, not for any result.
 */
public final class FitDiagnostics {
  /** A diagonal weight at most this fraction of the largest one counts as near zero. */
  public static final double NEAR_ZERO = 0.01;
  /** A univariate Spearman at least this large counts as a clear association. */
  public static final double CLEAR_ASSOCIATION = 0.1;
  /** How far below the equal-weights baseline a fit may score before it is flagged. */
  public static final double PLATEAU_MARGIN = 0.05;

  private FitDiagnostics() {}

  /**
   * The warnings for a fitted metric, each naming {@code where} (e.g. "fold 2") and the feature.
   *
   * @param metric the fitted metric
   * @param source the pair source it was trained from (the validation batch is drawn again)
   * @param batchSize pairs of the validation batch
   * @param where a label for the messages
   */
  public static List<String> check(
      TrainedMetric metric, PairSource source, int batchSize, String where) {
    PairBatch batch = source.batch(new BatchRequest(PairStream.VALIDATION, 0, batchSize));
    return check(metric, batch, where);
  }

  /** The warnings for a fitted metric on a batch of training pairs; see the class comment. */
  public static List<String> check(TrainedMetric metric, PairBatch batch, String where) {
    List<String> warnings = new ArrayList<>();
    int f = metric.featureNames().size();
    int b = batch.size();
    double[] neural = batch.neural();
    if (b < 3 || isConstant(neural)) {
      return warnings;
    }
    double[] dRanks = Ranks.average(neural);
    double[][] w = metric.weights();
    double largest = 0;
    for (int a = 0; a < f; a++) {
      largest = Math.max(largest, w[a][a]);
    }
    double[] delta = batch.delta();
    double[] column = new double[b];
    for (int a = 0; a < f; a++) {
      for (int k = 0; k < b; k++) {
        column[k] = delta[k * f + a];
      }
      if (isConstant(column) || w[a][a] > NEAR_ZERO * largest) {
        continue;
      }
      double rho = Spearman.againstRanks(column, dRanks);
      if (rho >= CLEAR_ASSOCIATION) {
        warnings.add(String.format(Locale.ROOT,
            "%s: feature '%s' ended with weight %.3g (largest %.3g) although its distance alone"
                + " correlates %.2f with the neural distances on training pairs: the fit may be"
                + " trapped (try another --seed or --parametrization projected) or the feature"
                + " is redundant with others", where, metric.featureNames().get(a), w[a][a],
            largest, rho));
      }
    }
    double fitted = score(metric.coefficients(), batch, f, metric.interactions(), dRanks);
    double[] equal = new double[metric.coefficients().length];
    for (int a = 0; a < f; a++) {
      equal[metric.interactions() ? PhiExpansion.termIndex(a, a) : a] = 1 / Math.sqrt(f);
    }
    double baseline = score(equal, batch, f, metric.interactions(), dRanks);
    if (Double.isFinite(fitted) && Double.isFinite(baseline)
        && fitted < baseline - PLATEAU_MARGIN) {
      warnings.add(String.format(Locale.ROOT,
          "%s: the fitted metric scores %.3f (Spearman on training pairs), below the %.3f of"
              + " weighing every feature alike: training stopped on a plateau (try another"
              + " --seed, --parametrization projected or a larger --patience)", where, fitted,
          baseline));
    }
    return warnings;
  }

  private static double score(
      double[] coefficients, PairBatch batch, int f, boolean interactions, double[] dRanks) {
    double[] s = new double[batch.size()];
    PhiExpansion.predictFromDelta(batch.delta(), batch.size(), f, interactions, coefficients, s);
    TieSnapping.snapInPlace(s);
    if (isConstant(s)) {
      return Double.NaN;
    }
    return Spearman.againstRanks(s, dRanks);
  }

  private static boolean isConstant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }
}
