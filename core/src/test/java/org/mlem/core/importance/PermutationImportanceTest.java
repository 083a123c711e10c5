package org.mlem.core.importance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.SeededPermutation;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;
import org.mlem.core.testing.SimulatedProblem;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.LocalPairSource;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairStream;
import org.mlem.core.train.TrainedMetric;
import org.mlem.core.train.TrainingHistory;

/**
 * Permutation importance against an independent brute-force computation: materialize Phi,
 * permute the unit's column, recompute every prediction, and take exact Spearman.
 */
class PermutationImportanceTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(150, 3, 12, 0.3, 8);
  private static final StimulusSplit SPLIT = Splits.trainTest(150, 0.3, 2);
  /** An arbitrary symmetric unit-norm W over 3 features, in term order. */
  private static final double[] COEF = normalized(new double[] {0.6, -0.2, 0.5, 0.1, 0.3, 0.4});

  private static double[] normalized(double[] c) {
    double[][] w = PhiExpansion.matrix(c, 3, true);
    double n = 0;
    for (double[] row : w) {
      for (double v : row) {
        n += v * v;
      }
    }
    double[] out = c.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] /= Math.sqrt(n);
    }
    return out;
  }

  private static TrainedMetric metric(double[] coef) {
    return new TrainedMetric(Model.FRRSA_I, true, List.of("f0", "f1", "f2"), coef,
        new TrainingHistory(new double[] {0.5}, new double[] {0.1}), 0, 0.5, false, 100, 0.1);
  }

  @Test
  void roundMatchesBruteForce() {
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 5, 1)) {
      RoundSpec spec = new RoundSpec(COEF, 3, true, 3, 400, true, 77);
      PairBatch batch = source.batch(new BatchRequest(PairStream.IMPORTANCE, 2, 400));
      PermutationRound round = PermutationImportance.round(batch, spec, 2);
      int b = batch.size();
      int terms = 6;
      double[] phi = new double[b * terms];
      PhiExpansion.expand(batch.delta(), b, 3, true, phi);
      double[] s = predict(phi, b, terms);
      double baseline = Spearman.exact(TieSnapping.snap(s), batch.neural());
      assertEquals(baseline, round.baseline(), 1e-12);
      for (int k = 0; k < terms; k++) {
        int[] perm = SeededPermutation.of(b, PositionalRandom.mix(77, 0x5EED_0001L, 2, k));
        double[] permuted = phi.clone();
        for (int i = 0; i < b; i++) {
          permuted[i * terms + k] = phi[perm[i] * terms + k];
        }
        double expected = baseline
            - Spearman.exact(TieSnapping.snap(predict(permuted, b, terms)), batch.neural());
        assertEquals(expected, round.units()[k], 1e-12, "unit " + k);
      }
      // total importance: permuting a feature's distance column breaks all its terms
      for (int a = 0; a < 3; a++) {
        int[] perm = SeededPermutation.of(b, PositionalRandom.mix(77, 0x5EED_0002L, 2, a));
        double[] delta = batch.delta().clone();
        for (int i = 0; i < b; i++) {
          delta[i * 3 + a] = batch.delta()[perm[i] * 3 + a];
        }
        double[] phi2 = new double[b * terms];
        PhiExpansion.expand(delta, b, 3, true, phi2);
        double expected = baseline
            - Spearman.exact(TieSnapping.snap(predict(phi2, b, terms)), batch.neural());
        assertEquals(expected, round.totals()[a], 1e-12, "total " + a);
      }
    }
  }

  private static double[] predict(double[] phi, int b, int terms) {
    double[] s = new double[b];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < terms; k++) {
        s[i] += phi[i * terms + k] * COEF[k];
      }
    }
    return s;
  }

  @Test
  void aUnitWithZeroWeightHasZeroImportance() {
    double[] coef = COEF.clone();
    coef[1] = 0;
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 5, 1)) {
      ImportanceResult r = PermutationImportance.compute(source, metric(coef),
          new ImportanceConfig(4, 300, false), 9, 1);
      for (int p = 0; p < 4; p++) {
        assertEquals(0.0, r.value(1, p));
      }
      assertTrue(r.means()[0] > 0, "a feature with weight matters");
      assertEquals(List.of("f0", "f0:f1", "f1", "f0:f2", "f1:f2", "f2"), r.units());
    }
  }

  @Test
  void sameResultOnOneAndTwoThreads() {
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 5, 2)) {
      ImportanceConfig config = new ImportanceConfig(5, 500, true);
      ImportanceResult one = PermutationImportance.compute(source, metric(COEF), config, 3, 1);
      ImportanceResult two = PermutationImportance.compute(source, metric(COEF), config, 3, 2);
      for (int k = 0; k < 6; k++) {
        assertArrayEquals(one.values(k), two.values(k));
      }
      assertArrayEquals(one.baselines(), two.baselines());
      assertEquals(one.summary(), two.summary());
    }
  }

  @Test
  void aRoundRunnerSourceRunsTheRounds() {
    List<PermutationRound> fake = List.of(
        new PermutationRound(0, 0.5, new double[] {1, 2, 3, 4, 5, 6}, new double[0]),
        new PermutationRound(1, 0.5, new double[] {3, 2, 1, 0, -1, -2}, new double[0]));
    try (RunnerSource source = new RunnerSource(fake)) {
      ImportanceResult r = PermutationImportance.compute(source, metric(COEF),
          new ImportanceConfig(2, 100, false), 1, 1);
      assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2}, r.means());
      assertEquals(2, source.spec.permutations());
      assertArrayEquals(COEF, source.spec.coefficients());
    }
  }

  /** A source that only runs rounds: fetching batches from it is a test failure. */
  private static final class RunnerSource implements org.mlem.core.train.PairSource, RoundRunner {
    private final List<PermutationRound> rounds;
    private RoundSpec spec;

    RunnerSource(List<PermutationRound> rounds) {
      this.rounds = rounds;
    }

    @Override
    public List<PermutationRound> run(RoundSpec s) {
      this.spec = s;
      return rounds;
    }

    @Override
    public int featureCount() {
      return 3;
    }

    @Override
    public long pairCount(PairStream stream) {
      return 1000;
    }

    @Override
    public List<PairBatch> batches(List<BatchRequest> requests) {
      throw new AssertionError("batches must not be fetched when the source runs the rounds");
    }
  }
}
