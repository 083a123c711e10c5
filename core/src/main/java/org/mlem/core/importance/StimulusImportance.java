package org.mlem.core.importance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.SeededPermutation;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.rank.Ranks;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.PairStream;
import org.mlem.core.train.TrainedMetric;

/**
 * Stimulus-level permutation importance, model-agnostic (the default importance; docs/method.md
 * section 5, {@link ImportanceKind#STIMULUS}). Round p takes the held-out pairs of stream
 * {@link PairStream#IMPORTANCE} at index p (the same pairs as term-level importance) and, for
 * every feature a, a permutation pi_(p,a) of the held-out stimuli derived from (seed, p, a)
 * only: stimulus i takes feature a's value of stimulus pi_(p,a)(i), so a pair (i, j) gets
 * delta_a(pi(i), pi(j)) and keeps its other distances and its neural distance. With the
 * {@link PairScorer}'s score S0 of the unpermuted pairs, S_a with feature a permuted and S_ab
 * with a and b both permuted (with the same pi_(p,a) and pi_(p,b)):
 *
 * <ul>
 *   <li>main_a = S0 - S_a (breaks feature a and every interaction it takes part in);
 *   <li>interaction_ab = S_a + S_b - S_ab - S0 = (S0 - S_ab) - (S0 - S_a) - (S0 - S_b): the
 *       drop with both permuted beyond the two single drops, exactly 0 for a score that is a
 *       sum of per-feature parts.
 * </ul>
 *
 * Units are in term order (docs/method.md section 2: feature a's row is its main effect, "b:a" the
 * interaction), so tables keep one row per term. A feature is a group of delta components
 * ({@link org.mlem.core.features.FeatureLayout}): a SIMPLEX feature's C - 1 coordinates are
 * permuted together with one permutation, so units are features and feature pairs, never
 * coordinates. A score that is undefined (constant
 * predictions or neural distances, e.g. a feature that takes one value on the held-out
 * stimuli) is NaN and makes the units that use it NaN; nothing throws. The permutations do not
 * depend on the model, so every model of a comparison is scored on the same shuffles. A round
 * is a pure function of the features, its pairs, their neural distances and the spec, so rounds
 * run on any thread or executor with identical results.
 */
public final class StimulusImportance {
  private static final long STIMULUS_STREAM = 0x5EED_0003L;

  private StimulusImportance() {}

  /**
   * Computes every round of a fitted metric's stimulus-level importance, with the default
   * {@link MetricScorer}.
   *
   * @param source the split's pair source (its held-out stream gives the rounds' neural
   *     distances)
   * @param features the encoded features of all n stimuli
   * @param split the split the source was opened on
   * @param pairSeed the seed the source draws pairs with
   * @param metric the fitted metric
   * @param config permutations and pairs per round
   * @param seed the seed of the permutations (must not depend on the model)
   * @param threads local threads, >= 1
   */
  public static ImportanceResult compute(
      PairSource source, EncodedFeatures features, StimulusSplit split, long pairSeed,
      TrainedMetric metric, ImportanceConfig config, long seed, int threads) {
    Objects.requireNonNull(metric, "metric");
    return compute(source, features, split, pairSeed, MetricScorer.of(metric),
        features.layout().featureNames(), metric.interactions(), config, seed, threads);
  }

  /**
   * Computes every round of any model's stimulus-level importance: the same pairs and
   * permutations as {@link #compute(PairSource, EncodedFeatures, StimulusSplit, long,
   * TrainedMetric, ImportanceConfig, long, int)} (they depend on the split, the seeds and the
   * config only), scored by {@code scorer}.
   *
   * @param scorer the model's score of pairs from their feature distances
   * @param featureNames the features ({@code features.layout().featureNames()}: a SIMPLEX
   *     feature's coordinates are permuted together and reported as one feature)
   * @param interactions whether interaction effects are computed
   * @throws IllegalArgumentException if the names are not the layout's features
   */
  public static ImportanceResult compute(
      PairSource source, EncodedFeatures features, StimulusSplit split, long pairSeed,
      PairScorer scorer, List<String> featureNames, boolean interactions,
      ImportanceConfig config, long seed, int threads) {
    Objects.requireNonNull(scorer, "scorer");
    Objects.requireNonNull(config, "config");
    if (!featureNames.equals(features.layout().featureNames())) {
      throw new IllegalArgumentException("stimulus-level importance is per feature "
          + features.layout().featureNames() + ", found names " + featureNames);
    }
    StimulusRoundSpec spec = new StimulusRoundSpec(scorer, features.featureCount(), interactions,
        config.permutations(), config.batchSize(), seed, split.test(),
        features.layout().starts());
    List<PermutationRound> rounds = source instanceof StimulusRoundRunner runner
        ? runner.runStimulus(spec)
        : runLocally(source, features, new PairSampler(split.test()), pairSeed, spec, threads);
    if (rounds.size() != spec.permutations()) {
      throw new IllegalStateException("expected " + spec.permutations()
          + " permutation rounds, the runner returned " + rounds.size());
    }
    return new ImportanceResult(ImportanceKind.STIMULUS,
        List.of(PhiExpansion.termNames(featureNames, interactions)), featureNames, rounds, seed,
        config.batchSize());
  }

  /**
   * Fetches the rounds' neural distances from the source (one call), draws the same pairs with
   * {@code sampler} and {@code pairSeed}, checks that their feature distances equal the
   * source's (so the pairs are the source's pairs), and runs the rounds on local threads.
   */
  public static List<PermutationRound> runLocally(
      PairSource source, EncodedFeatures features, PairSampler sampler, long pairSeed,
      StimulusRoundSpec spec, int threads) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(features, "features");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    List<BatchRequest> requests = new ArrayList<>();
    for (int p = 0; p < spec.permutations(); p++) {
      requests.add(request(spec, p));
    }
    List<PairBatch> batches = source.batches(requests);
    List<PairIndices> pairs = new ArrayList<>();
    for (int p = 0; p < batches.size(); p++) {
      PairIndices drawn = sampler.sample(pairSeed, PairStream.IMPORTANCE.id(), p,
          spec.batchSize());
      requireSamePairs(features, drawn, batches.get(p), p);
      pairs.add(drawn);
    }
    return LocalRounds.run(batches.size(), threads, "mlem-stimulus-importance",
        p -> round(features, pairs.get(p), batches.get(p).neural(), spec, p));
  }

  /** The batch request of round {@code permutation}: stream IMPORTANCE, index = permutation. */
  public static BatchRequest request(StimulusRoundSpec spec, int permutation) {
    return new BatchRequest(PairStream.IMPORTANCE, permutation, spec.batchSize());
  }

  /** The permutation of the held-out positions for feature {@code feature} in a round. */
  static int[] permutation(StimulusRoundSpec spec, int permutation, int feature) {
    return SeededPermutation.of(spec.heldOut().length,
        PositionalRandom.mix(spec.seed(), STIMULUS_STREAM, permutation, feature));
  }

  /**
   * One round: S0, every S_a and (with interactions) every S_ab on the round's pairs, as
   * main and interaction effects in term order; the baseline is S0.
   *
   * @param features the encoded features of all n stimuli
   * @param pairs the round's held-out pairs (global indices, both stimuli held out)
   * @param neural their neural distances
   * @param spec the shared settings
   * @param permutation the round index, >= 0
   */
  public static PermutationRound round(
      EncodedFeatures features, PairIndices pairs, double[] neural, StimulusRoundSpec spec,
      int permutation) {
    return round(features, pairs, neural, spec, permutation, true);
  }

  /**
   * As {@link #round(EncodedFeatures, PairIndices, double[], StimulusRoundSpec, int)}; with
   * {@code incremental} false a metric's permuted predictions are always recomputed in full
   * (the reference path), with true a Spearman-scored metric's are updated with
   * {@link IncrementalSpearman}, which gives the same bits.
   */
  static PermutationRound round(
      EncodedFeatures features, PairIndices pairs, double[] neural, StimulusRoundSpec spec,
      int permutation, boolean incremental) {
    int f = spec.featureCount();
    if (features.featureCount() != f) {
      throw new IllegalArgumentException("the importance spec is for " + f
          + " features but the encoded features have " + features.featureCount());
    }
    int[] groups = spec.groups();
    int g = spec.groupCount();
    int b = pairs.size();
    if (neural.length != b) {
      throw new IllegalArgumentException(
          "expected " + b + " neural distances, one per pair, found " + neural.length);
    }
    int[] heldOut = spec.heldOut();
    int[] first = pairs.first();
    int[] second = pairs.second();
    int[] firstAt = positions(heldOut, first);
    int[] secondAt = positions(heldOut, second);
    double[] delta = new double[b * f];
    for (int k = 0; k < b; k++) {
      features.delta(first[k], second[k], delta, k * f);
    }
    // one permutation per feature (group): all its components move together
    double[][] permuted = new double[f][b];
    for (int a = 0; a < g; a++) {
      int[] pi = permutation(spec, permutation, a);
      for (int comp = groups[a]; comp < groups[a + 1]; comp++) {
        double[] column = permuted[comp];
        for (int k = 0; k < b; k++) {
          column[k] = features.distance(comp, heldOut[pi[firstAt[k]]],
              heldOut[pi[secondAt[k]]]);
        }
      }
    }
    double[] ranks = Ranks.average(neural);
    PairScorer scorer = spec.scorer();
    MetricScorer metric = scorer instanceof MetricScorer m && m.featureCount() == f ? m : null;
    IncrementalSpearman updates = incremental && metric != null
        && metric.distanceScore().scoring() == Scoring.SPEARMAN
        ? new IncrementalSpearman(delta, f, metric.coefficients(), metric.interactions(),
            permuted, ranks)
        : null;
    double s0 = updates != null
        ? MetricScorer.gainOfScratch(updates.predictions(), neural, ranks,
            metric.distanceScore())
        : scorer.score(delta, f, neural, ranks);
    double[] single = new double[g];
    double[] scratch = metric != null ? null : new double[delta.length];
    for (int a = 0; a < g; a++) {
      if (updates != null) {
        single[a] = updates.score(components(groups, a, -1));
        continue;
      }
      if (metric != null) {
        // the same value as scoring the copy below, without copying the batch
        single[a] = metric.scoreReplaced(delta, components(groups, a, -1), permuted, neural,
            ranks);
        continue;
      }
      System.arraycopy(delta, 0, scratch, 0, delta.length);
      replaceGroup(scratch, f, groups, a, permuted);
      single[a] = scorer.score(scratch, f, neural, ranks);
    }
    double[] units = new double[spec.unitCount()];
    for (int a = 0; a < g; a++) {
      units[spec.interactions() ? PhiExpansion.termIndex(a, a) : a] = s0 - single[a];
    }
    if (spec.interactions()) {
      for (int a = 1; a < g; a++) {
        for (int c = 0; c < a; c++) {
          double both;
          if (updates != null) {
            both = updates.score(components(groups, a, c));
          } else if (metric != null) {
            both = metric.scoreReplaced(delta, components(groups, a, c), permuted, neural, ranks);
          } else {
            System.arraycopy(delta, 0, scratch, 0, delta.length);
            replaceGroup(scratch, f, groups, a, permuted);
            replaceGroup(scratch, f, groups, c, permuted);
            both = scorer.score(scratch, f, neural, ranks);
          }
          // S_a + S_c - S_ac - S0, grouped so that a feature without effect (S_c = S0,
          // S_ac = S_a) gives exactly 0
          units[PhiExpansion.termIndex(a, c)] = (single[a] - both) + (single[c] - s0);
        }
      }
    }
    return new PermutationRound(permutation, s0, units, new double[0]);
  }

  /** The delta components of group a and (when c >= 0) group c. */
  private static int[] components(int[] groups, int a, int c) {
    int na = groups[a + 1] - groups[a];
    int nc = c < 0 ? 0 : groups[c + 1] - groups[c];
    int[] out = new int[na + nc];
    for (int i = 0; i < na; i++) {
      out[i] = groups[a] + i;
    }
    for (int i = 0; i < nc; i++) {
      out[na + i] = groups[c] + i;
    }
    return out;
  }

  private static void replaceGroup(
      double[] delta, int f, int[] groups, int group, double[][] permuted) {
    for (int comp = groups[group]; comp < groups[group + 1]; comp++) {
      replace(delta, f, comp, permuted[comp]);
    }
  }

  private static void replace(double[] delta, int f, int feature, double[] column) {
    for (int k = 0, o = feature; k < column.length; k++, o += f) {
      delta[o] = column[k];
    }
  }

  /** Position of each stimulus in the sorted held-out array; every one must be held out. */
  private static int[] positions(int[] sortedHeldOut, int[] stimuli) {
    int[] out = new int[stimuli.length];
    for (int k = 0; k < stimuli.length; k++) {
      int at = Arrays.binarySearch(sortedHeldOut, stimuli[k]);
      if (at < 0) {
        throw new IllegalArgumentException("pair " + k + " has stimulus " + stimuli[k]
            + ", which is not held out; importance pairs must join two held-out stimuli");
      }
      out[k] = at;
    }
    return out;
  }

  private static void requireSamePairs(
      EncodedFeatures features, PairIndices pairs, PairBatch batch, int permutation) {
    int f = features.featureCount();
    double[] expected = batch.delta();
    boolean same = pairs.size() == batch.size();
    double[] row = new double[f];
    for (int k = 0; same && k < pairs.size(); k++) {
      features.delta(pairs.first()[k], pairs.second()[k], row, 0);
      for (int a = 0; a < f; a++) {
        if (Double.doubleToLongBits(row[a]) != Double.doubleToLongBits(expected[k * f + a])) {
          same = false;
          break;
        }
      }
    }
    if (!same) {
      throw new IllegalStateException("permutation round " + permutation + ": the pair source's "
          + "held-out batch does not hold the pairs drawn from the split's held-out stimuli and "
          + "the given pair seed; open the source with the same split and seed");
    }
  }
}
