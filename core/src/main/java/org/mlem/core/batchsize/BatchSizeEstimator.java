package org.mlem.core.batchsize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.StimulusRows;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.train.PairStream;

/**
 * Estimates the training batch size from the features alone (paper, Appendix C). Starting at
 * {@code initial}, looks at {@code batches} batches of b pairs; within each batch computes the
 * Pearson correlation between every two columns of the model's terms: the squared feature
 * distances delta_a^2 without interactions, and with interactions every expanded term phi of
 * {@link PhiExpansion} (delta_a^2 and 2 delta_a delta_b; the paper's "feature (and interaction)
 * distances"); keeps b if every correlation's across-batch standard deviation is below the
 * threshold, else grows b by the factor and repeats. A correlation that is undefined in some batch
 * (a column constant within the batch, e.g. a rare level, or two features that never both differ
 * in it) counts as unstable; a column constant in every batch (e.g. the product of two features
 * that never differ together) carries nothing to estimate and is left out. Sparse features make
 * the product columns much noisier than the squared distances, so with interactions the estimate
 * is larger. On 12 balanced features like the paper's relative-clause dataset this gives about
 * 20,000 without interactions.
 *
 * <p>Three choices make the search fast and independent of the run's seed (docs/method.md
 * section 6):
 * <ul>
 *   <li>The pairs come from a fixed stream ({@link #STREAM_SEED}), not from the run's seed: the
 *       estimate depends only on the features and the stimuli searched, so two runs that differ
 *       by their seed train with the same batch size.
 *   <li>Batches are nested: batch j of size b is the first b pairs of batch j's own stream, and
 *       the moments of its terms ({@link TermMoments}) are kept, so growing b only adds the new
 *       pairs; the whole search costs about one pass over the final size.
 *   <li>A std shrinks like 1/sqrt(b), so after each size the search skips the sizes of the
 *       growth sequence below half the size this predicts, (std / threshold)^2 b: those sizes
 *       are predicted to miss the threshold by a factor sqrt(2) or more.
 * </ul>
 *
 * <p>The correlated-features warning always looks at the squared feature distances only (with
 * interactions, the correlations between the delta_a^2 columns, the same numbers): a product
 * column is correlated with its own factors by construction (0.58 for balanced binary features),
 * which says nothing about the features.
 */
public final class BatchSizeEstimator {
  /** The seed of the search's pair stream: fixed, so the estimate does not depend on the run's. */
  public static final long STREAM_SEED = 0x4D4C454D42415443L;
  /** Sizes predicted below this fraction of the needed size are skipped. */
  private static final double SKIP_BELOW = 0.5;
  /**
   * The search stops at the maximum without trying it when the predicted size exceeds the
   * maximum by this factor.
   */
  private static final double BEYOND_MAXIMUM = 2.0;
  /** Non-zero pairs a term needs per batch, on average, to be non-constant in each batch. */
  private static final double SUPPORT = 5.0;

  private BatchSizeEstimator() {}

  /**
   * Runs the search.
   *
   * @param features encoded features of all stimuli
   * @param stimuli the stimuli pairs are drawn from
   * @param config search settings
   * @param interactions whether the model has interaction terms: correlate every expanded term
   *     (delta_a^2 and 2 delta_a delta_b) instead of the squared distances only
   */
  public static BatchSizeEstimate estimate(EncodedFeatures features, int[] stimuli,
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
    int n = config.batches();
    TermMoments[] moments = new TermMoments[n];
    for (int j = 0; j < n; j++) {
      moments[j] = new TermMoments(f, interactions);
    }
    // work arrays, one per thread growing a batch at a time
    Queue<MomentScratch> scratches = new ConcurrentLinkedQueue<>();
    int b = config.initial();
    int rounds = 0;
    while (true) {
      rounds++;
      if (sampler.coversAll(b)) {
        TermMoments all = new TermMoments(f, interactions);
        PairIndices p = sampler.sample(STREAM_SEED, PairStream.BATCH_SIZE.id(), 0, b);
        all.add(deltas(features, p), p.size());
        double[] corr = all.correlations();
        correlationWarnings(features.layout(), featureMeans(List.of(corr), f, interactions),
            config, warnings);
        int chosen = (int) Math.min(Integer.MAX_VALUE, sampler.pairCount());
        return new BatchSizeEstimate(Math.max(2, chosen), rounds, 0.0, warnings);
      }
      int size = b;
      // each batch grows from its own stream: in parallel, with no shared state
      IntStream.range(0, n).parallel().forEach(j -> {
        MomentScratch scratch = scratches.poll();
        scratch = scratch == null ? new MomentScratch() : scratch;
        grow(moments[j], features, sampler, j, size, scratch);
        scratches.add(scratch);
      });
      List<double[]> correlations = new ArrayList<>(n);
      for (TermMoments m : moments) {
        correlations.add(m.correlations());
      }
      double maxStd = maxStd(correlations, moments);
      if (maxStd < config.threshold() || b >= config.maximum()) {
        if (!(maxStd < config.threshold())) {
          warnings.add(String.format(Locale.ROOT,
              "batch-size estimation reached the maximum %d with a correlation std of %.4f "
                  + "(threshold %.4f); using %d", config.maximum(), maxStd, config.threshold(),
              config.maximum()));
        }
        correlationWarnings(features.layout(), featureMeans(correlations, f, interactions),
            config, warnings);
        return new BatchSizeEstimate(b, rounds, maxStd, warnings);
      }
      double needed = neededSize(b, maxStd, moments, config);
      if (needed > BEYOND_MAXIMUM * config.maximum()) {
        warnings.add(String.format(Locale.ROOT,
            "batch-size estimation: the correlations would need about %.3g pairs to be stable "
                + "(correlation std %.4f at %d, threshold %.4f; rare feature values or "
                + "combinations); using the maximum %d", needed, maxStd, b,
            config.threshold(), config.maximum()));
        correlationWarnings(features.layout(), featureMeans(correlations, f, interactions),
            config, warnings);
        return new BatchSizeEstimate(config.maximum(), rounds, maxStd, warnings);
      }
      int next = grown(b, config);
      while (next < config.maximum() && grown(next, config) < SKIP_BELOW * needed) {
        next = grown(next, config);
      }
      b = next;
    }
  }

  /**
   * The size predicted to meet the threshold: with every correlation defined, a std shrinks like
   * 1/sqrt(b), so (std / threshold)^2 b; with a correlation undefined in some batch, the size at
   * which its rarest term has {@link #SUPPORT} non-zero pairs per batch on average (a lower bound:
   * its correlations must then still become stable).
   */
  private static double neededSize(int b, double maxStd, TermMoments[] moments,
      BatchSizeConfig config) {
    if (Double.isFinite(maxStd)) {
      double ratio = maxStd / config.threshold();
      return b * ratio * ratio;
    }
    double needed = 0;
    for (int t = 0; t < moments[0].terms(); t++) {
      long nonZero = 0;
      boolean constantSomewhere = false;
      for (TermMoments m : moments) {
        nonZero += m.nonZero(t);
        constantSomewhere |= m.constant(t);
      }
      if (constantSomewhere && nonZero > 0) {
        double rate = nonZero / ((double) b * moments.length);
        needed = Math.max(needed, SUPPORT / rate);
      }
    }
    return needed;
  }

  /** The next size of the growth sequence, at most the maximum. */
  private static int grown(int b, BatchSizeConfig config) {
    return (int) Math.min(config.maximum(), Math.max(b + 1, Math.floor(b * config.growth())));
  }

  /** Adds pairs to batch j until it has {@code size}. */
  private static void grow(TermMoments m, EncodedFeatures features, PairSampler sampler, int j,
      int size, MomentScratch scratch) {
    int from = (int) m.rows();
    PairIndices p = sampler.sampleRange(STREAM_SEED, PairStream.BATCH_SIZE.id(), j, from, size);
    m.add(source(features, p.first(), p.second()), p.size(), scratch);
  }

  /**
   * The distances of a chunk's pairs: dense rows, or grouped straight from the stimuli's rows
   * when every feature is categorical or ordinal (the same sums, without the dense rows).
   */
  static TermMoments.DeltaSource source(EncodedFeatures features, int[] first, int[] second) {
    StimulusRows rows = features.stimulusRows();
    return new TermMoments.DeltaSource() {
      @Override
      public void deltas(int from, int to, double[] out) {
        features.deltas(first, second, from, to, out);
      }

      @Override
      public boolean addGrouped(GroupedMonomials grouped, int from, int to) {
        return rows != null && grouped.addPairs(rows, first, second, from, to);
      }
    };
  }

  private static double[] deltas(EncodedFeatures features, PairIndices p) {
    double[] delta = new double[p.size() * features.featureCount()];
    features.deltas(p.first(), p.second(), 0, p.size(), delta);
    return delta;
  }

  /**
   * The largest across-batch std of a correlation, leaving out the columns constant in every
   * batch; infinite if a remaining correlation is undefined in some batch.
   */
  private static double maxStd(List<double[]> correlations, TermMoments[] moments) {
    int k = moments[0].terms();
    boolean[] everywhereConstant = new boolean[k];
    for (int t = 0; t < k; t++) {
      boolean all = true;
      for (TermMoments m : moments) {
        all &= m.constant(t);
      }
      everywhereConstant[t] = all;
    }
    int n = correlations.size();
    double maxStd = 0;
    int c = 0;
    for (int a = 0; a < k; a++) {
      for (int d = a + 1; d < k; d++, c++) {
        if (everywhereConstant[a] || everywhereConstant[d]) {
          continue;
        }
        double sum = 0;
        double sumSq = 0;
        for (double[] corr : correlations) {
          double v = corr[c];
          if (Double.isNaN(v)) {
            return Double.POSITIVE_INFINITY;
          }
          sum += v;
          sumSq += v * v;
        }
        double mean = sum / n;
        double var = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
        maxStd = Math.max(maxStd, Math.sqrt(var));
      }
    }
    return maxStd;
  }

  /**
   * The across-batch means of the correlations between squared feature distances (a < c,
   * row-major over a), over the batches where each is defined (NaN where it never is): the
   * correlations themselves without interactions, else their entries for the pairs of delta_a^2
   * terms.
   */
  private static double[] featureMeans(List<double[]> correlations, int f, boolean interactions) {
    int k = PhiExpansion.termCount(f, interactions);
    double[] out = new double[f * (f - 1) / 2];
    int n = 0;
    for (int a = 0; a < f; a++) {
      int ta = interactions ? PhiExpansion.termIndex(a, a) : a;
      for (int c = a + 1; c < f; c++) {
        int tc = interactions ? PhiExpansion.termIndex(c, c) : c; // ta < tc
        int at = ta * k - ta * (ta + 1) / 2 + (tc - ta - 1);
        double sum = 0;
        int defined = 0;
        for (double[] corr : correlations) {
          if (!Double.isNaN(corr[at])) {
            sum += corr[at];
            defined++;
          }
        }
        out[n++] = defined == 0 ? Double.NaN : sum / defined;
      }
    }
    return out;
  }

  private static void correlationWarnings(org.mlem.core.features.FeatureLayout layout,
      double[] means, BatchSizeConfig config, List<String> warnings) {
    List<String> names = layout.componentNames();
    int f = names.size();
    int k = 0;
    List<String> correlated = new ArrayList<>();
    for (int a = 0; a < f; a++) {
      for (int c = a + 1; c < f; c++) {
        double mean = means[k++];
        // the coordinates of one simplex feature are one feature for importance
        if (layout.featureOf(a) != layout.featureOf(c)
            && Math.abs(mean) > config.correlationWarning()) {
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
