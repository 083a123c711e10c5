package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.rank.Spearman;
import org.mlem.core.stats.Frobenius;
import org.mlem.core.testing.ExactRdm;
import org.mlem.core.testing.SimulatedProblem;

/**
 * Fits with the default settings must not stop on a plateau, whatever the seed.
 *
 * <p>Measured before the projected parametrization became the default (Cholesky, stopping on
 * the training batch): on the exact-RDM problem below, seeds 0..4 reached distances 0.160,
 * 0.577, 0.093, 0.007, 0.165 to W* (held-out Spearman down to 0.805); with the defaults, all
 * ten seeds reach 0.002 or less.
 */
class TrapFreeFitTest {
  private static final int SEEDS = 10;

  /**
   * Exact RDM (d = sqrt(delta^T W* delta), no MDS, no noise), 6 binary features, W* like
   * scikit-learn's make_spd_matrix: W* is identifiable, so every seed must find it.
   */
  @Test
  void everySeedRecoversAnIdentifiableMetric() {
    SimulatedProblem p = SimulatedProblem.generate(1000, 6, 64, 0, 1);
    double[][] truth = p.trueWeights();
    // The threshold is not passed by the constant guess I / sqrt(F).
    double[][] constant = new double[6][6];
    for (int a = 0; a < 6; a++) {
      constant[a][a] = 1 / Math.sqrt(6);
    }
    assertTrue(Frobenius.distance(constant, truth) > 0.15,
        "the constant guess must fail the threshold: " + Frobenius.distance(constant, truth));
    ExactRdm rdm = new ExactRdm(p.features(), truth);
    for (long seed = 0; seed < SEEDS; seed++) {
      MlemConfig config = MlemConfig.builder().seed(seed).permutations(0).build();
      MlemAnalysis a = Mlem.with(config).analyze(p.features(), rdm);
      double distance = Frobenius.distance(a.weights(), truth);
      assertTrue(distance <= 0.15, String.format(Locale.ROOT,
          "seed %d: distance to W* %.4f", seed, distance));
      assertTrue(a.spearman() >= 0.99, String.format(Locale.ROOT,
          "seed %d: held-out Spearman %.4f", seed, a.spearman()));
    }
  }

  /**
   * Two binary features, a dominating the representation (its axis 10 times b's): every seed
   * must weigh a above b. (A user's 2-feature fit with the former Cholesky default put the
   * dominant feature's weight at 2e-5 from seed 0; on this data set Cholesky passes too, so
   * this test guards the requirement rather than reproducing that trap, which the exact-RDM
   * test above does.)
   */
  @Test
  void aDominantFeatureIsFoundFromEverySeed() {
    int n = 200;
    int dims = 16;
    SplittableRandom random = new SplittableRandom(11);
    List<String> ids = new ArrayList<>();
    String[] a = new String[n];
    String[] b = new String[n];
    double[][] rows = new double[n][dims];
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
      boolean ai = random.nextBoolean();
      boolean bi = random.nextBoolean();
      a[i] = ai ? "x" : "y";
      b[i] = bi ? "x" : "y";
      for (int k = 0; k < dims; k++) {
        rows[i][k] = 0.2 * random.nextGaussian();
      }
      rows[i][0] += ai ? 3.0 : 0.0;
      rows[i][1] += bi ? 0.3 : 0.0;
    }
    FeatureTable table = FeatureTable.builder(ids).addStrings("a", a).addStrings("b", b).build();
    Representations reps = Representations.fromRows(ids, rows);

    // The held-out threshold is not passed by the metric that weighs a and b alike: its
    // Spearman over all pairs, computed directly, is below it.
    double threshold = 0.7;
    double identity = identitySpearman(a, b, rows);
    assertTrue(identity < threshold, "the identity metric must fail: " + identity);

    for (long seed = 0; seed < SEEDS; seed++) {
      MlemConfig config = MlemConfig.builder().seed(seed).permutations(0).build();
      MlemAnalysis fit =
          Mlem.with(config).analyze(table, FeatureSchema.inferred(), reps, NeuralDistance.EUCLIDEAN);
      double[][] w = fit.weights();
      assertTrue(w[0][0] >= 2 * w[1][1], String.format(Locale.ROOT,
          "seed %d: W_aa %.4f, W_bb %.4f", seed, w[0][0], w[1][1]));
      assertTrue(fit.spearman() >= threshold, String.format(Locale.ROOT,
          "seed %d: held-out Spearman %.4f", seed, fit.spearman()));
    }
  }

  private static double identitySpearman(String[] a, String[] b, double[][] rows) {
    int n = a.length;
    int pairs = n * (n - 1) / 2;
    double[] s = new double[pairs];
    double[] d = new double[pairs];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s[k] = (a[i].equals(a[j]) ? 0 : 1) + (b[i].equals(b[j]) ? 0 : 1);
        double sum = 0;
        for (int c = 0; c < rows[i].length; c++) {
          double diff = rows[i][c] - rows[j][c];
          sum += diff * diff;
        }
        d[k++] = Math.sqrt(sum);
      }
    }
    return Spearman.exact(s, d);
  }
}
