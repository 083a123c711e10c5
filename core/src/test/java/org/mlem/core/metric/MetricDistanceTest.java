package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.train.TrainedMetric;
import org.mlem.core.train.TrainingHistory;

/** {@code sqrt(max(0, delta^T W delta))} on hand-computed 2 x 2 cases. */
class MetricDistanceTest {
  @Test
  void fullMatrix() {
    // delta = (1, 2), W = [[1, 0.5], [0.5, 2]]: 1 + 2 * 0.5 * 1 * 2 + 2 * 4 = 11.
    MetricDistance m = MetricDistance.ofMatrix(new double[][] {{1, 0.5}, {0.5, 2}});
    assertEquals(11.0, m.squared(new double[] {1, 2}));
    assertEquals(Math.sqrt(11.0), m.distance(new double[] {1, 2}));
    assertEquals(0.0, m.distance(new double[] {0, 0}));
  }

  @Test
  void aNegativeFormPredictsZero() {
    // delta = (1, 1), W = [[1, -2], [-2, 1]]: 1 - 4 + 1 = -2.
    MetricDistance m = MetricDistance.ofMatrix(new double[][] {{1, -2}, {-2, 1}});
    assertEquals(-2.0, m.squared(new double[] {1, 1}));
    assertEquals(0.0, m.distance(new double[] {1, 1}));
  }

  @Test
  void diagonalCoefficients() {
    // W = diag(0.6, 0.8), delta = (0.5, 1): 0.6 * 0.25 + 0.8 = 0.95.
    MetricDistance m = MetricDistance.of(new double[] {0.6, 0.8}, 2, false);
    assertEquals(Math.sqrt(0.6 * 0.25 + 0.8), m.distance(new double[] {0.5, 1}), 1e-15);
  }

  @Test
  void aTrainedMetricGivesTheDistanceOfItsW() {
    // W = diag(0.8, 0.6), delta = (1, 0.5): 0.8 + 0.6 * 0.25 = 0.95.
    TrainedMetric diagonal = new TrainedMetric(Model.MLEM, false, List.of("f0", "f1"),
        new double[] {0.8, 0.6}, new TrainingHistory(new double[] {0.1}, new double[] {0.1}),
        0, 0.1, false, 10, 0.1);
    assertEquals(Math.sqrt(0.8 + 0.6 * 0.25), diagonal.distance(new double[] {1, 0.5}), 1e-15);
    // Term order (0,0), (1,0), (1,1): W = [[1, 0.5], [0.5, 2]], delta = (1, 2): 11.
    TrainedMetric full = new TrainedMetric(Model.FRRSA_I, true, List.of("f0", "f1"),
        new double[] {1, 0.5, 2}, new TrainingHistory(new double[] {0.1}, new double[] {0.1}),
        0, 0.1, false, 10, 0.1);
    assertEquals(Math.sqrt(11.0), full.distance(new double[] {1, 2}));
  }

  @Test
  void shapesAreChecked() {
    assertEquals("expected 3 coefficients for 2 features, found 2",
        assertThrows(IllegalArgumentException.class,
            () -> MetricDistance.of(new double[2], 2, true)).getMessage());
    assertEquals("expected 2 feature distances, found 3",
        assertThrows(IllegalArgumentException.class,
            () -> MetricDistance.ofMatrix(new double[2][2]).distance(new double[3]))
            .getMessage());
  }
}
