package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.Model;
import org.mlem.core.stats.Frobenius;
import org.mlem.core.testing.SimulatedProblem;

/**
 * MLEM on the paper's simulated data (section 2.5.1; docs/method.md section 8): n = 1000
 * stimuli (80% train), 6 binary features, 64 dims, W* like scikit-learn's make_spd_matrix,
 * classical MDS, noise 0, seeds 1..3, the defaults (projected metric, validation stopping).
 *
 * <p>What this generator allows to test. With W* from make_spd_matrix, d = sqrt(delta^T W*
 * delta) is not Euclidean, so the MDS representations distort it and the W that best explains
 * them is not W* (a least-squares fit of the MDS distances of the 64 feature patterns, in
 * numpy, lands 0.69 from W* on one draw): every model with interactions ends 0.37-0.69 from W*
 * at noise 0 ({@code mlem simulate}, README), MLEM and FR-RSA-I at the same W. Recovery of W*
 * itself is tested where W* is identifiable, on exact RDMs ({@link TrapFreeFitTest}). Here:
 * a held-out Spearman of at least 0.95 from every seed (the target), W closer to W* than
 * the constant guess I / sqrt(F), the same W as FR-RSA-I (the SPD constraint is inactive
 * without noise), and fewer steps than FR-RSA-I (the paper's claim; best step over seeds
 * 1..5: 87 against 274). The paper's Cholesky parametrization fails the first check (seed 1:
 * held-out Spearman 0.850, a feature's weight collapsed to 9e-8).
 */
class RecoveryTest {
  private static final long[] SEEDS = {1, 2, 3};

  @Test
  void mlemFitsThePaperGeneratorAtNoiseZeroAndConvergesFasterThanFrRsaI() {
    double mlemSteps = 0;
    double frrsaSteps = 0;
    for (long seed : SEEDS) {
      SimulatedProblem p = SimulatedProblem.generate(1000, 6, 64, 0, seed);
      double[][] truth = p.trueWeights();
      MlemAnalysis mlem = fit(p, Model.MLEM, seed);
      MlemAnalysis frrsa = fit(p, Model.FRRSA_I, seed);
      double distance = Frobenius.distance(mlem.weights(), truth);
      double[][] constant = new double[6][6];
      for (int a = 0; a < 6; a++) {
        constant[a][a] = 1 / Math.sqrt(6);
      }
      double constantDistance = Frobenius.distance(constant, truth);
      double between = Frobenius.distance(mlem.weights(), frrsa.weights());
      System.err.printf(Locale.ROOT, "recovery seed %d: MLEM %.3f from W* (constant guess %.3f),"
          + " %.4f from FR-RSA-I; Spearman %.4f; steps %d vs %d%n", seed, distance,
          constantDistance, between, mlem.spearman(), steps(mlem), steps(frrsa));
      assertTrue(mlem.spearman() >= 0.95,
          "seed " + seed + ": held-out Spearman " + mlem.spearman());
      assertTrue(distance < constantDistance, String.format(Locale.ROOT,
          "seed %d: MLEM %.3f from W*, the constant guess %.3f", seed, distance,
          constantDistance));
      assertTrue(between <= 0.05, String.format(Locale.ROOT,
          "seed %d: MLEM and FR-RSA-I differ by %.4f", seed, between));
      mlemSteps += steps(mlem) / (double) SEEDS.length;
      frrsaSteps += steps(frrsa) / (double) SEEDS.length;
    }
    assertTrue(mlemSteps < frrsaSteps,
        "mean steps to the best: MLEM " + mlemSteps + ", FR-RSA-I " + frrsaSteps);
  }

  private static MlemAnalysis fit(SimulatedProblem p, Model model, long seed) {
    MlemConfig config = MlemConfig.builder().model(model).interactions(true).seed(seed)
        .testFraction(0.2).permutations(0).build();
    return Mlem.with(config).analyze(p.features(), p.distances());
  }

  private static int steps(MlemAnalysis a) {
    return a.folds().get(0).metric().bestStep();
  }
}
