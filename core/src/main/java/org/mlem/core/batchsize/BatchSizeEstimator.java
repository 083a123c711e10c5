package org.mlem.core.batchsize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.train.PairStream;

/**
 * Estimates the training batch size from the features alone (paper, Appendix C). Starting at
 * {@code initial}, draws {@code batches} batches of b pairs; within each batch computes the
 * Pearson correlation between every two columns of the model's terms: the squared feature
 * distances delta_a^2 without interactions, and with interactions every expanded term phi of
 * {@link PhiExpansion} (delta_a^2 and 2 delta_a delta_b; the paper's "feature (and interaction)
 * distances"); keeps b if every correlation's across-batch standard deviation is below the
 * threshold, else grows b by the factor and repeats. A correlation that is undefined in some batch
 * (a column constant within the batch, e.g. a rare level, or two features that never both differ
 * in it) counts as unstable. Sparse features make the product columns much noisier than the
 * squared distances, so with interactions the estimate is larger. On 12 balanced features like
 * the paper's relative-clause dataset this gives about 20,000 without interactions.
 *
 * <p>The correlated-features warning always looks at the squared feature distances only (with
 * interactions, the correlations between the delta_a^2 columns, the same numbers): a product
 * column is correlated with its own factors by construction (0.58 for balanced binary features),
 * which says nothing about the features.
 */
public final class BatchSizeEstimator {
  private BatchSizeEstimator() {}

  /**
   * Runs the search.
   *
   * @param features encoded features of all stimuli
   * @param stimuli the stimuli pairs are drawn from (normally the training split)
   * @param seed the run seed
   * @param config search settings
   * @param interactions whether the model has interaction terms: correlate every expanded term
   *     (delta_a^2 and 2 delta_a delta_b) instead of the squared distances only
   */
  public static BatchSizeEstimate estimate(EncodedFeatures features, int[] stimuli, long seed,
      BatchSizeConfig config, boolean interactions) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(config, "config");
    int f = features.featureCount();
    List<String> warnings = new ArrayList<>();
    if (f < 2) {
      warnings.add("batch-size estimation skipped: it needs at least two features, found " + f
          + "; using the minimum " + config.initial());
      return new BatchSizeEstimate(config.initial(), 0, Double.NaN, warnings);
    }
    PairSampler sampler = new PairSampler(stimuli);
    int columns = PhiExpansion.termCount(f, interactions);
    int pairs = columns * (columns - 1) / 2;
    int b = config.initial();
    int rounds = 0;
    while (true) {
      rounds++;
      double[] sum = new double[pairs];
      double[] sumSq = new double[pairs];
      long round = rounds - 1;
      int size = b;
      // Batches are independent (each drawn from the seed and its index): compute them in
      // parallel, then accumulate in batch order so the sums do not depend on scheduling.
      double[][] correlations = IntStream.range(0, config.batches()).parallel()
          .mapToObj(batch -> batchCorrelations(features, sampler, seed,
              round * config.batches() + batch, size, interactions))
          .toArray(double[][]::new);
      boolean defined = true;
      for (double[] corr : correlations) {
        for (int c = 0; c < pairs; c++) {
          if (Double.isNaN(corr[c])) {
            defined = false;
          }
          sum[c] += corr[c];
          sumSq[c] += corr[c] * corr[c];
        }
      }
      double maxStd = Double.POSITIVE_INFINITY;
      if (defined) {
        maxStd = 0;
        int n = config.batches();
        for (int c = 0; c < pairs; c++) {
          double mean = sum[c] / n;
          double var = Math.max(0, (sumSq[c] - n * mean * mean) / (n - 1));
          maxStd = Math.max(maxStd, Math.sqrt(var));
        }
      }
      boolean coversAll = sampler.coversAll(b);
      if (maxStd < config.threshold() || coversAll || b >= config.maximum()) {
        if (!(maxStd < config.threshold()) && !coversAll) {
          warnings.add(String.format(Locale.ROOT,
              "batch-size estimation reached the maximum %d with a correlation std of %.4f "
                  + "(threshold %.4f); using %d", config.maximum(), maxStd, config.threshold(),
              config.maximum()));
        }
        if (defined) {
          correlationWarnings(features.names(), featureSums(sum, f, interactions), config,
              warnings);
        }
        int chosen = coversAll ? (int) Math.min(Integer.MAX_VALUE, sampler.pairCount()) : b;
        return new BatchSizeEstimate(Math.max(2, chosen), rounds, maxStd, warnings);
      }
      b = (int) Math.min(config.maximum(), Math.max(b + 1, Math.floor(b * config.growth())));
    }
  }

  /** The column correlations of one batch of the search. */
  private static double[] batchCorrelations(EncodedFeatures features, PairSampler sampler,
      long seed, long index, int size, boolean interactions) {
    PairIndices p = sampler.sample(seed, PairStream.BATCH_SIZE.id(), index, size);
    int f = features.featureCount();
    double[] delta = new double[p.size() * f];
    features.deltas(p.first(), p.second(), 0, p.size(), delta);
    return interactions
        ? termCorrelations(delta, p.size(), f)
        : squaredDistanceCorrelations(delta, p.size(), f);
  }

  /**
   * Pearson correlations between every two columns (k < l, row-major over k) of the expanded
   * terms phi of a batch with interactions, in {@link PhiExpansion}'s term order; NaN where a
   * column is constant.
   */
  static double[] termCorrelations(double[] delta, int rows, int f) {
    int k = PhiExpansion.termCount(f, true);
    double[] phi = new double[rows * k];
    PhiExpansion.expand(delta, rows, f, true, phi);
    return columnCorrelations(phi, rows, k);
  }

  /** Pearson correlations between every two columns (a < c, row-major over a) of a matrix. */
  private static double[] columnCorrelations(double[] x, int rows, int k) {
    double[] mean = new double[k];
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      for (int a = 0; a < k; a++) {
        mean[a] += x[o + a];
      }
    }
    for (int a = 0; a < k; a++) {
      mean[a] /= rows;
    }
    double[] cov = new double[k * k];
    double[] centred = new double[k];
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      for (int a = 0; a < k; a++) {
        centred[a] = x[o + a] - mean[a];
      }
      for (int a = 0; a < k; a++) {
        double ca = centred[a];
        int row = a * k;
        for (int c = a; c < k; c++) {
          cov[row + c] += ca * centred[c];
        }
      }
    }
    double[] out = new double[k * (k - 1) / 2];
    int n = 0;
    for (int a = 0; a < k; a++) {
      for (int c = a + 1; c < k; c++) {
        double va = cov[a * k + a];
        double vc = cov[c * k + c];
        out[n++] = (va > 0 && vc > 0) ? cov[a * k + c] / Math.sqrt(va * vc) : Double.NaN;
      }
    }
    return out;
  }

  /**
   * The across-batch sums of the correlations between squared feature distances (a < c,
   * row-major over a): {@code sums} itself without interactions, else its entries for the pairs
   * of delta_a^2 terms.
   */
  private static double[] featureSums(double[] sums, int f, boolean interactions) {
    if (!interactions) {
      return sums;
    }
    int k = PhiExpansion.termCount(f, true);
    double[] out = new double[f * (f - 1) / 2];
    int n = 0;
    for (int a = 0; a < f; a++) {
      int ta = PhiExpansion.termIndex(a, a);
      for (int c = a + 1; c < f; c++) {
        int tc = PhiExpansion.termIndex(c, c); // ta < tc
        out[n++] = sums[ta * k - ta * (ta + 1) / 2 + (tc - ta - 1)];
      }
    }
    return out;
  }

  /**
   * Pearson correlations between every two columns (a < b, row-major over a) of the squared
   * feature distances of a batch; NaN where a column is constant.
   */
  static double[] squaredDistanceCorrelations(double[] delta, int rows, int f) {
    double[] mean = new double[f];
    for (int r = 0; r < rows; r++) {
      int o = r * f;
      for (int a = 0; a < f; a++) {
        double v = delta[o + a];
        mean[a] += v * v;
      }
    }
    for (int a = 0; a < f; a++) {
      mean[a] /= rows;
    }
    double[] cov = new double[f * f];
    double[] centred = new double[f];
    for (int r = 0; r < rows; r++) {
      int o = r * f;
      for (int a = 0; a < f; a++) {
        double v = delta[o + a];
        centred[a] = v * v - mean[a];
      }
      for (int a = 0; a < f; a++) {
        double ca = centred[a];
        int row = a * f;
        for (int c = a; c < f; c++) {
          cov[row + c] += ca * centred[c];
        }
      }
    }
    double[] out = new double[f * (f - 1) / 2];
    int k = 0;
    for (int a = 0; a < f; a++) {
      for (int c = a + 1; c < f; c++) {
        double va = cov[a * f + a];
        double vc = cov[c * f + c];
        out[k++] = (va > 0 && vc > 0) ? cov[a * f + c] / Math.sqrt(va * vc) : Double.NaN;
      }
    }
    return out;
  }

  private static void correlationWarnings(
      List<String> names, double[] sum, BatchSizeConfig config, List<String> warnings) {
    int f = names.size();
    int k = 0;
    List<String> correlated = new ArrayList<>();
    for (int a = 0; a < f; a++) {
      for (int c = a + 1; c < f; c++) {
        double mean = sum[k++] / config.batches();
        if (Math.abs(mean) > config.correlationWarning()) {
          correlated.add(String.format(Locale.ROOT, "%s~%s (%.2f)", names.get(a), names.get(c), mean));
        }
      }
    }
    if (!correlated.isEmpty()) {
      warnings.add("correlated features (mean |r| of squared feature distances above "
          + config.correlationWarning() + "): " + String.join(", ", correlated)
          + "; permutation importance is unreliable for correlated features");
    }
  }
}
