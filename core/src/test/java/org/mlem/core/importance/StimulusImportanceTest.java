package org.mlem.core.importance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.LocalPairSource;
import org.mlem.core.train.PairStream;
import org.mlem.core.train.TrainedMetric;
import org.mlem.core.train.TrainingHistory;

/**
 * Stimulus-level permutation importance with known answers: scorers whose score is a planted
 * function of which features were shuffled (no fit), a zero-weight feature, an independent
 * recomputation of a shuffled feature's distances, and determinism across threads.
 */
class StimulusImportanceTest {
  /** Rounding of a few additions of values of order 1. */
  private static final double ROUNDING = 1e-12;
  private static final int N = 40;
  /** Three ordinal features with distinct values, so every shuffle changes some distance. */
  private static final double[][] X = new double[3][N];
  private static final EncodedFeatures FEATURES;

  static {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      X[0][i] = i;
      X[1][i] = (i * 7) % N;
      X[2][i] = (i * 13 + 5) % N;
    }
    FEATURES = FeatureSchema.inferred().encode(FeatureTable.builder(ids)
        .addNumbers("a", X[0]).addNumbers("b", X[1]).addNumbers("c", X[2]).build());
  }

  private static final StimulusSplit SPLIT = Splits.trainTest(N, 0.5, 3);

  /** Neural distances from a ground-truth metric over the three features (not used by S). */
  private static final PairDistances DISTANCES = new PairDistances() {
    private static final long serialVersionUID = 1L;

    @Override
    public int size() {
      return N;
    }

    @Override
    public double distance(int i, int j) {
      double da = FEATURES.distance(0, i, j);
      double db = FEATURES.distance(1, i, j);
      return Math.sqrt(0.8 * da * da + 0.4 * db * db + 0.3 * da * db);
    }
  };

  private static PairIndices heldOutPairs(int size) {
    return new PairSampler(SPLIT.test()).sample(5, PairStream.IMPORTANCE.id(), 0, size);
  }

  private static double[] neural(PairIndices pairs) {
    double[] d = new double[pairs.size()];
    for (int k = 0; k < d.length; k++) {
      d[k] = DISTANCES.distance(pairs.first()[k], pairs.second()[k]);
    }
    return d;
  }

  private static double[] delta(PairIndices pairs) {
    double[] out = new double[pairs.size() * 3];
    for (int k = 0; k < pairs.size(); k++) {
      FEATURES.delta(pairs.first()[k], pairs.second()[k], out, k * 3);
    }
    return out;
  }

  /** 1 if feature a's column of delta differs from the original's anywhere, else 0. */
  private static double shuffled(double[] original, double[] delta, int a) {
    for (int k = a; k < delta.length; k += 3) {
      if (delta[k] != original[k]) {
        return 1;
      }
    }
    return 0;
  }

  private static StimulusRoundSpec spec(PairScorer scorer, int permutations) {
    return new StimulusRoundSpec(scorer, 3, true, permutations, 200, 17, SPLIT.test());
  }

  @Test
  void anAdditiveScorerHasNoInteractionAndAPlantedTermIsRecovered() {
    PairIndices pairs = heldOutPairs(200);
    double[] original = delta(pairs);
    // planted drop of score: 0.3 [a shuffled] + 0.1 [b shuffled] + 0.4 [a shuffled][b shuffled]
    PairScorer planted = (delta, f, d, ranks) -> {
      double pa = shuffled(original, delta, 0);
      double pb = shuffled(original, delta, 1);
      return 0.9 - 0.3 * pa - 0.1 * pb - 0.4 * pa * pb;
    };
    // an additive scorer: a sum of one part per feature (mean distance weighted per feature)
    PairScorer additive = (delta, f, d, ranks) -> {
      double[] part = new double[3];
      for (int k = 0; k < d.length; k++) {
        for (int a = 0; a < 3; a++) {
          part[a] += (a + 1) * delta[k * 3 + a] * d[k];
        }
      }
      return part[0] + part[1] + part[2];
    };
    int ab = PhiExpansion.termIndex(1, 0);
    int ac = PhiExpansion.termIndex(2, 0);
    int bc = PhiExpansion.termIndex(2, 1);
    for (int p = 0; p < 3; p++) {
      double[] u = StimulusImportance.round(FEATURES, pairs, neural(pairs), spec(planted, 3), p)
          .units();
      assertEquals(0.3, u[PhiExpansion.termIndex(0, 0)], ROUNDING, "main a");
      assertEquals(0.1, u[PhiExpansion.termIndex(1, 1)], ROUNDING, "main b");
      assertEquals(0.0, u[PhiExpansion.termIndex(2, 2)], ROUNDING, "main c");
      assertEquals(0.4, u[ab], ROUNDING, "planted interaction a:b");
      assertEquals(0.0, u[ac], ROUNDING, "a:c");
      assertEquals(0.0, u[bc], ROUNDING, "b:c");

      PermutationRound r = StimulusImportance.round(FEATURES, pairs, neural(pairs),
          spec(additive, 3), p);
      double[] v = r.units();
      double scale = Math.abs(r.baseline());
      assertEquals(0.0, v[ab], ROUNDING * scale, "additive a:b");
      assertEquals(0.0, v[ac], ROUNDING * scale, "additive a:c");
      assertEquals(0.0, v[bc], ROUNDING * scale, "additive b:c");
      // while the main effects are not 0: shuffling changes each feature's part
      for (int a = 0; a < 3; a++) {
        assertTrue(Math.abs(v[PhiExpansion.termIndex(a, a)]) > 1e-3 * scale, "main " + a);
      }
    }
  }

  @Test
  void aShuffledFeatureTakesAnotherHeldOutStimulusValue() {
    // independent check: the shuffled column, recomputed from the raw values of the
    // permuted stimuli with the ordinal distance |x_i - x_j| / (max - min)
    PairIndices pairs = heldOutPairs(200);
    double[] original = delta(pairs);
    List<double[]> seen = new ArrayList<>();
    PairScorer recorder = (delta, f, d, ranks) -> {
      synchronized (seen) {
        seen.add(delta.clone());
      }
      return 0;
    };
    StimulusRoundSpec spec = spec(recorder, 1);
    StimulusImportance.round(FEATURES, pairs, neural(pairs), spec, 0);
    int[] held = spec.heldOut();
    int[] pi = StimulusImportance.permutation(spec, 0, 1);
    double[] withB = seen.get(2); // S0, then S_a, S_b, S_c
    for (int k = 0; k < pairs.size(); k++) {
      int i = held[pi[java.util.Arrays.binarySearch(held, pairs.first()[k])]];
      int j = held[pi[java.util.Arrays.binarySearch(held, pairs.second()[k])]];
      assertEquals(Math.abs(X[1][i] - X[1][j]) / (N - 1), withB[k * 3 + 1], ROUNDING);
      assertEquals(original[k * 3], withB[k * 3], 0.0, "feature a untouched");
      assertEquals(original[k * 3 + 2], withB[k * 3 + 2], 0.0, "feature c untouched");
    }
  }

  private static TrainedMetric metric(double[] coef) {
    return new TrainedMetric(Model.FRRSA_I, true, List.of("a", "b", "c"), coef,
        new TrainingHistory(new double[] {0.5}, new double[] {0.1}), 0, 0.5, false, 100, 0.1);
  }

  @Test
  void aZeroWeightFeatureHasNoEffectAndTheResultDoesNotDependOnThreads() {
    // W over (a, b) only: feature c's row and column are 0
    double[] coef = new double[6];
    coef[PhiExpansion.termIndex(0, 0)] = 0.8;
    coef[PhiExpansion.termIndex(1, 0)] = 0.15;
    coef[PhiExpansion.termIndex(1, 1)] = 0.4;
    ImportanceConfig config = new ImportanceConfig(4, 300, false, ImportanceKind.STIMULUS);
    ImportanceResult one;
    ImportanceResult two;
    try (LocalPairSource source = new LocalPairSource(FEATURES, DISTANCES, SPLIT, 5, 1)) {
      one = StimulusImportance.compute(source, FEATURES, SPLIT, 5, metric(coef), config, 17, 1);
    }
    try (LocalPairSource source = new LocalPairSource(FEATURES, DISTANCES, SPLIT, 5, 2)) {
      two = StimulusImportance.compute(source, FEATURES, SPLIT, 5, metric(coef), config, 17, 2);
    }
    assertEquals(ImportanceKind.STIMULUS, one.kind());
    assertEquals(List.of("a", "a:b", "b", "a:c", "b:c", "c"), one.units());
    for (int u = 0; u < 6; u++) {
      assertArrayEquals(one.values(u), two.values(u), "unit " + one.units().get(u));
    }
    assertArrayEquals(one.baselines(), two.baselines());
    for (int p = 0; p < 4; p++) {
      assertEquals(0.0, one.value(5, p), 0.0, "main c");
      assertEquals(0.0, one.value(3, p), 0.0, "a:c");
      assertEquals(0.0, one.value(4, p), 0.0, "b:c");
      // the weighted features matter: shuffling a costs a clear part of the score
      assertTrue(one.value(0, p) > 0.2, "main a " + one.value(0, p));
      assertTrue(one.value(2, p) > 0.02, "main b " + one.value(2, p));
      assertTrue(one.baselines()[p] > 0.9, "baseline " + one.baselines()[p]);
    }
  }

  @Test
  void thePermutationsDoNotDependOnTheModel() {
    double[] w1 = {1, 0, 0, 0, 0, 0};
    double[] w2 = {0.5, 0.5, 0.5, 0.3, 0.2, 0.1};
    List<double[]> seen1 = new ArrayList<>();
    List<double[]> seen2 = new ArrayList<>();
    PairIndices pairs = heldOutPairs(100);
    StimulusRoundSpec s1 = new StimulusRoundSpec(new Recording(w1, seen1), 3, true, 1, 100, 17,
        SPLIT.test());
    StimulusRoundSpec s2 = new StimulusRoundSpec(new Recording(w2, seen2), 3, true, 1, 100, 17,
        SPLIT.test());
    StimulusImportance.round(FEATURES, pairs, neural(pairs), s1, 0);
    StimulusImportance.round(FEATURES, pairs, neural(pairs), s2, 0);
    assertEquals(seen1.size(), seen2.size());
    for (int k = 0; k < seen1.size(); k++) {
      assertArrayEquals(seen1.get(k), seen2.get(k), "shuffled distances of call " + k);
    }
  }

  /** Records the distances it is given, scores with a metric. */
  private record Recording(double[] coef, List<double[]> seen) implements PairScorer {
    @Override
    public double score(double[] delta, int f, double[] d, double[] ranks) {
      seen.add(delta.clone());
      return new MetricScorer(coef, 3, true).score(delta, f, d, ranks);
    }
  }

  @Test
  void aSourceWithOtherPairsIsRefused() {
    double[] coef = {1, 0, 0, 0, 0, 0};
    ImportanceConfig config = new ImportanceConfig(1, 50, false, ImportanceKind.STIMULUS);
    try (LocalPairSource source = new LocalPairSource(FEATURES, DISTANCES, SPLIT, 5, 1)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> StimulusImportance.compute(source, FEATURES, SPLIT, 6, metric(coef), config, 1,
              1));
      assertTrue(e.getMessage().contains("same split and seed"), e.getMessage());
    }
  }

  @Test
  void aConstantPredictionGivesNaNNotAnException() {
    // W only on feature c, and held-out pairs that all have the same c distance: constant s
    PairIndices pairs = new PairIndices(new int[] {SPLIT.test()[0], SPLIT.test()[1]},
        new int[] {SPLIT.test()[1], SPLIT.test()[0]});
    MetricScorer scorer = new MetricScorer(new double[] {0, 0, 0, 0, 0, 1}, 3, true);
    PermutationRound r = StimulusImportance.round(FEATURES, pairs, new double[] {1, 2},
        new StimulusRoundSpec(scorer, 3, true, 1, 2, 1, SPLIT.test()), 0);
    assertTrue(Double.isNaN(r.baseline()));
    assertTrue(Double.isNaN(r.units()[0]));
  }
}
