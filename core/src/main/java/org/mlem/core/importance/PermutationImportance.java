package org.mlem.core.importance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlem.core.evaluation.DistanceScore;
import org.mlem.core.features.FeatureLayout;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.SeededPermutation;
import org.mlem.core.rank.Ranks;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.PairStream;
import org.mlem.core.train.TrainedMetric;

/**
 * Permutation feature importance of a fitted metric on held-out pairs (docs/method.md section 5).
 * Round p draws one batch of held-out pairs (stream {@link PairStream#IMPORTANCE}, index p),
 * shared by all units (common random numbers); unit k's column of Phi is permuted with a
 * permutation derived from (seed, p, k); importance = S(Phi w, d) - S(Phi' w, d), by default
 * with S the exact tie-aware Spearman ({@link org.mlem.core.rank.TieSnapping} makes predictions
 * that are mathematically equal tie exactly, whatever their summation order), or another
 * {@link org.mlem.core.evaluation.Scoring} of the metric's distances (a drop of Pearson r, an
 * increase of the MSE). Permuting one column changes s by w_k (phi'_k - phi_k), so a unit costs
 * one O(B) update and one scoring. A score that is undefined (constant predictions or neural
 * distances) is NaN, and so is every importance computed from it; nothing throws.
 * This is {@link ImportanceKind#TERM}; the default is {@link StimulusImportance}.
 */
public final class PermutationImportance {
  private static final long UNIT_STREAM = 0x5EED_0001L;
  private static final long TOTAL_STREAM = 0x5EED_0002L;

  private PermutationImportance() {}

  /**
   * Computes every round. When the source is also a {@link RoundRunner} (e.g. on Spark) the
   * rounds run there; otherwise the batches are fetched from the source and the rounds spread
   * over {@code threads} local threads. Deterministic whatever the runner or thread count.
   */
  public static ImportanceResult compute(
      PairSource source, TrainedMetric metric, ImportanceConfig config, long seed, int threads) {
    Objects.requireNonNull(metric, "metric");
    return compute(source, metric, FeatureLayout.ungrouped(metric.featureNames()), config, seed,
        threads, DistanceScore.SPEARMAN);
  }

  /**
   * As {@link #compute(PairSource, TrainedMetric, ImportanceConfig, long, int)}, with totals per
   * feature of {@code layout} (a SIMPLEX feature's coordinates shuffled together; the units stay
   * W's terms, over components) and every score computed by {@code score} (a metric's distances
   * sqrt(max(s, 0)) for Pearson and MSE; see {@link MetricScorer}).
   *
   * @param layout the features as groups of the metric's components
   */
  public static ImportanceResult compute(PairSource source, TrainedMetric metric,
      FeatureLayout layout, ImportanceConfig config, long seed, int threads,
      DistanceScore score) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(config, "config");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    if (!layout.componentNames().equals(metric.featureNames())) {
      throw new IllegalArgumentException("the layout's components " + layout.componentNames()
          + " are not the metric's " + metric.featureNames());
    }
    RoundSpec spec = new RoundSpec(metric.coefficients(), metric.featureNames().size(),
        metric.interactions(), config.permutations(), config.batchSize(), config.total(), seed,
        layout.starts(), score);
    List<PermutationRound> rounds = source instanceof RoundRunner runner
        ? runner.run(spec)
        : runLocally(source, spec, threads);
    if (rounds.size() != spec.permutations()) {
      throw new IllegalStateException("expected " + spec.permutations()
          + " permutation rounds, the runner returned " + rounds.size());
    }
    return new ImportanceResult(ImportanceKind.TERM, metric.termNames(), layout.featureNames(),
        rounds, seed, config.batchSize());
  }

  /** Fetches the rounds' batches from the source and runs the rounds on local threads. */
  public static List<PermutationRound> runLocally(PairSource source, RoundSpec spec, int threads) {
    List<BatchRequest> requests = new ArrayList<>();
    for (int p = 0; p < spec.permutations(); p++) {
      requests.add(request(spec, p));
    }
    List<PairBatch> batches = source.batches(requests);
    return LocalRounds.run(batches.size(), threads, "mlem-importance",
        p -> round(batches.get(p), spec, p));
  }

  /** The batch request of round {@code permutation}: stream IMPORTANCE, index = permutation. */
  public static BatchRequest request(RoundSpec spec, int permutation) {
    return new BatchRequest(PairStream.IMPORTANCE, permutation, spec.batchSize());
  }

  /** One round of the spec on its batch. */
  public static PermutationRound round(PairBatch batch, RoundSpec spec, int permutation) {
    return round(batch, spec.coefficients(), spec.featureCount(), spec.interactions(),
        spec.seed(), permutation, spec.total(), spec.groups(), spec.score());
  }

  /**
   * One round: the importance of every unit (and optionally every feature's total) for
   * permutation index {@code permutation} on {@code batch}.
   *
   * @param batch held-out pairs
   * @param coefficients the metric's coefficients in term order
   * @param featureCount F
   * @param interactions whether the metric has interaction terms
   * @param seed the run seed
   * @param permutation permutation index, >= 0
   * @param total whether to compute total importance per feature
   * @param groups the features as component ranges (G + 1 starts); a total shuffles a whole
   *     feature
   * @param score how the predictions are scored
   */
  public static PermutationRound round(
      PairBatch batch, double[] coefficients, int featureCount, boolean interactions, long seed,
      int permutation, boolean total, int[] groups, DistanceScore score) {
    int b = batch.size();
    int terms = PhiExpansion.termCount(featureCount, interactions);
    if (coefficients.length != terms) {
      throw new IllegalArgumentException(
          "expected " + terms + " coefficients, found " + coefficients.length);
    }
    double[] phi = new double[b * terms];
    PhiExpansion.expand(batch.delta(), b, featureCount, interactions, phi);
    double[] s = new double[b];
    PhiExpansion.predict(phi, b, terms, coefficients, s);
    double[] dRanks = Ranks.average(batch.neural());
    double[] neural = batch.neural();
    double baseline = MetricScorer.gainOfScratch(s.clone(), neural, dRanks, score);
    double[] units = new double[terms];
    double[] permuted = new double[b];
    for (int k = 0; k < terms; k++) {
      double w = coefficients[k];
      if (w == 0) {
        units[k] = Double.isNaN(baseline) ? Double.NaN : 0;
        continue;
      }
      int[] perm = SeededPermutation.of(b, PositionalRandom.mix(seed, UNIT_STREAM, permutation, k));
      for (int i = 0; i < b; i++) {
        permuted[i] = s[i] + w * (phi[perm[i] * terms + k] - phi[i * terms + k]);
      }
      units[k] = baseline - MetricScorer.gainOfScratch(permuted, neural, dRanks, score);
    }
    double[] totals = new double[0];
    if (total) {
      totals = new double[groups.length - 1];
      double[] delta = batch.delta();
      double[] shuffled = new double[delta.length];
      for (int a = 0; a < totals.length; a++) {
        System.arraycopy(delta, 0, shuffled, 0, delta.length);
        int[] perm = SeededPermutation.of(b, PositionalRandom.mix(seed, TOTAL_STREAM, permutation, a));
        for (int i = 0; i < b; i++) {
          for (int c = groups[a]; c < groups[a + 1]; c++) {
            shuffled[i * featureCount + c] = delta[perm[i] * featureCount + c];
          }
        }
        PhiExpansion.expand(shuffled, b, featureCount, interactions, phi);
        PhiExpansion.predict(phi, b, terms, coefficients, permuted);
        totals[a] = baseline - MetricScorer.gainOfScratch(permuted, neural, dRanks, score);
      }
    }
    return new PermutationRound(permutation, baseline, units, totals);
  }
}
