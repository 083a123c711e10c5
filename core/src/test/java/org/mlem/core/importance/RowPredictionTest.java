package org.mlem.core.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.PhiExpansion;

/**
 * RowPrediction must give every pair exactly the bits of PhiExpansion.predictFromDelta (the
 * independent reference: same formula, one pair at a time), for every remainder of B modulo 4.
 */
class RowPredictionTest {
  @Test
  void equalsThePairByPairPredictionBitForBit() {
    SplittableRandom random = new SplittableRandom(3);
    for (int f : new int[] {1, 2, 5, 24}) {
      for (int rows : new int[] {0, 1, 3, 4, 7, 101}) {
        double[] delta = new double[rows * f];
        for (int i = 0; i < delta.length; i++) {
          // mixed scales and exact zeros, so that rounding depends on summation order
          delta[i] = i % 5 == 0 ? 0 : random.nextDouble() * Math.pow(10, random.nextInt(-3, 4));
        }
        double[] w = new double[PhiExpansion.termCount(f, true)];
        for (int k = 0; k < w.length; k++) {
          w[k] = random.nextDouble() - 0.4;
        }
        double[] expected = new double[rows];
        PhiExpansion.predictFromDelta(delta, rows, f, true, w, expected);
        double[] actual = new double[rows];
        RowPrediction.predict(delta, rows, f, w, actual);
        for (int i = 0; i < rows; i++) {
          assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
              "f " + f + ", pair " + i + " of " + rows);
        }
      }
    }
  }

  @Test
  void isNotATrivialAnswer() {
    // a hand-checkable pair: delta (1, 2), w_00 = 1, w_10 = 0.5, w_11 = 3: s = 1 + 2*0.5*2 + 12
    double[] actual = new double[5];
    double[] delta = {1, 2, 1, 2, 1, 2, 1, 2, 0, 1};
    RowPrediction.predict(delta, 5, 2, new double[] {1, 0.5, 3}, actual);
    for (int i = 0; i < 4; i++) {
      assertEquals(15.0, actual[i]);
    }
    assertEquals(3.0, actual[4]);
    assertNotEquals(0.0, actual[0]);
  }

  @Test
  void replacedComponentsEqualAPatchedCopyBitForBit() {
    SplittableRandom random = new SplittableRandom(4);
    int f = 6;
    for (int rows : new int[] {1, 8, 13, 100}) {
      double[] delta = new double[rows * f];
      for (int i = 0; i < delta.length; i++) {
        delta[i] = random.nextDouble() * 3;
      }
      double[][] columns = new double[f][rows];
      for (double[] column : columns) {
        for (int k = 0; k < rows; k++) {
          column[k] = random.nextDouble() * 3;
        }
      }
      double[] w = new double[PhiExpansion.termCount(f, true)];
      for (int k = 0; k < w.length; k++) {
        w[k] = random.nextDouble() - 0.4;
      }
      int[] replaced = {1, 4, 5};
      double[] copy = delta.clone();
      for (int comp : replaced) {
        for (int k = 0; k < rows; k++) {
          copy[k * f + comp] = columns[comp][k];
        }
      }
      double[] expected = new double[rows];
      PhiExpansion.predictFromDelta(copy, rows, f, true, w, expected);
      double[] actual = new double[rows];
      RowPrediction.predictReplaced(delta, rows, f, w, replaced, columns, actual);
      double[] unpatched = new double[rows];
      PhiExpansion.predictFromDelta(delta, rows, f, true, w, unpatched);
      for (int i = 0; i < rows; i++) {
        assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]));
        assertNotEquals(unpatched[i], actual[i], "the replacement must take effect");
      }
    }
  }
}
