package org.mlem.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.Model;

/** A collapsed fit is reported; a sound one is not. */
class FitDiagnosticsTest {
  /**
   * 40 pairs cycling through the four patterns of two binary features; the neural distance is
   * 3 delta_a + 0.3 delta_b plus a small distinct offset per pair, so a dominates.
   */
  private static PairBatch batch() {
    int b = 40;
    double[] delta = new double[b * 2];
    double[] neural = new double[b];
    for (int k = 0; k < b; k++) {
      double da = k % 2;
      double db = (k / 2) % 2;
      delta[2 * k] = da;
      delta[2 * k + 1] = db;
      neural[k] = 3 * da + 0.3 * db + 0.001 * k;
    }
    return new PairBatch(b, 2, delta, neural);
  }

  private static TrainedMetric diagonal(double wa, double wb) {
    double norm = Math.hypot(wa, wb);
    return new TrainedMetric(Model.MLEM, false, List.of("a", "b"),
        new double[] {wa / norm, wb / norm}, new TrainingHistory(new double[] {0.5},
            new double[] {0.1}), 0, 0.5, false, 40, 0.1);
  }

  @Test
  void aDominantFeatureAtZeroWeightAndThePlateauAreReported() {
    List<String> warnings = FitDiagnostics.check(diagonal(1e-5, 1), batch(), "fold 2");
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("fold 2: feature 'a' ended with weight 1.00e-05"),
        warnings.get(0));
    assertTrue(warnings.get(1).startsWith("fold 2: the fitted metric scores"), warnings.get(1));
  }

  @Test
  void aSoundFitIsNotReported() {
    assertEquals(List.of(), FitDiagnostics.check(diagonal(1, 0.1), batch(), "fit"));
  }

  @Test
  void aWeakFeatureAtZeroWeightIsNotReported() {
    // The distances ignore b (3 delta_a plus offsets that do not follow b's pattern), so b's
    // weight at zero is right and must not be flagged.
    int b = 40;
    PairBatch base = batch();
    double[] neural = base.neural();
    double[] delta = base.delta();
    for (int k = 0; k < b; k++) {
      neural[k] = 3 * delta[2 * k] + 0.001 * ((k * 7) % 40);
    }
    PairBatch noB = new PairBatch(b, 2, delta, neural);
    assertEquals(List.of(), FitDiagnostics.check(diagonal(1, 1e-5), noB, "fit"));
  }
}
