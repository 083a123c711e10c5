package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseInjectionTest {
  private static final int ROWS = 5000;
  private static final double[] COLUMN_SCALES = {0.1, 1.0, 7.0, 30.0};
  /** The std of ROWS Gaussian draws is within about 3.5 / sqrt(2 ROWS) = 3.5% of its value. */
  private static final double RELATIVE_STD_TOLERANCE = 0.05;

  @Test
  void noiseStdPerColumnIsLevelTimesColumnStd() {
    int dims = COLUMN_SCALES.length;
    float[] data = columnsWithScales(ROWS, 21);
    double level = 0.7;
    float[] noisy = NoiseInjection.addGaussian(data, ROWS, dims, level, 22);
    double[] dataStd = NoiseInjection.columnStd(data, ROWS, dims);
    float[] noise = new float[data.length];
    for (int k = 0; k < data.length; k++) {
      noise[k] = noisy[k] - data[k];
    }
    double[] noiseStd = NoiseInjection.columnStd(noise, ROWS, dims);
    for (int d = 0; d < dims; d++) {
      double expected = level * dataStd[d];
      assertEquals(expected, noiseStd[d], RELATIVE_STD_TOLERANCE * expected, "column " + d);
    }
  }

  @Test
  void columnStdIsThePopulationStd() {
    float[] data = {1, 10, 3, 10, 5, 10, 7, 10}; // column 0: 1,3,5,7; column 1 constant
    double[] std = NoiseInjection.columnStd(data, 4, 2);
    assertEquals(Math.sqrt(5.0), std[0], 1e-12); // population variance of 1,3,5,7 is 5
    assertEquals(0.0, std[1], 0.0);
  }

  @Test
  void levelZeroReturnsAnExactCopy() {
    float[] data = columnsWithScales(10, 23);
    float[] copy = NoiseInjection.addGaussian(data, 10, COLUMN_SCALES.length, 0.0, 24);
    assertNotSame(data, copy);
    assertArrayEquals(data, copy, 0.0f);
  }

  @Test
  void sameSeedSameNoiseOtherSeedDifferentAndInputUntouched() {
    float[] data = columnsWithScales(100, 25);
    float[] original = data.clone();
    float[] a = NoiseInjection.addGaussian(data, 100, COLUMN_SCALES.length, 1.0, 26);
    float[] b = NoiseInjection.addGaussian(data, 100, COLUMN_SCALES.length, 1.0, 26);
    float[] c = NoiseInjection.addGaussian(data, 100, COLUMN_SCALES.length, 1.0, 27);
    assertArrayEquals(a, b, 0.0f);
    assertFalse(Arrays.equals(a, c));
    assertArrayEquals(original, data, 0.0f);
  }

  @Test
  void rejectsInvalidArguments() {
    float[] data = new float[6];
    assertMessage("noise level must be finite and >= 0, found -0.5",
        () -> NoiseInjection.addGaussian(data, 2, 3, -0.5, 1));
    assertMessage("noise level must be finite and >= 0, found NaN",
        () -> NoiseInjection.addGaussian(data, 2, 3, Double.NaN, 1));
    assertMessage("data must hold rows * dims = 3 * 3 = 9 values, found 6",
        () -> NoiseInjection.addGaussian(data, 3, 3, 1, 1));
    assertMessage("rows must be >= 1, found 0", () -> NoiseInjection.addGaussian(data, 0, 3, 1, 1));
    assertMessage("dims must be >= 1, found 0", () -> NoiseInjection.addGaussian(data, 2, 0, 1, 1));
    float[] withNaN = {0, 1, Float.NaN, 3};
    assertMessage("data must be finite, found NaN at row 1 column 0",
        () -> NoiseInjection.addGaussian(withNaN, 2, 2, 1, 1));
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(expected, e.getMessage());
  }

  private static float[] columnsWithScales(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int dims = COLUMN_SCALES.length;
    float[] data = new float[rows * dims];
    for (int i = 0; i < rows; i++) {
      for (int d = 0; d < dims; d++) {
        data[i * dims + d] = (float) (COLUMN_SCALES[d] * random.nextDouble() + d);
      }
    }
    return data;
  }
}
