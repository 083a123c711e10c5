package org.mlem.core.importance;

/**
 * A metric's predicted squared distances s = delta^T W delta (with interaction terms) of B
 * pairs from row-major feature distances: each pair gets exactly the operations of
 * {@link org.mlem.core.metric.PhiExpansion#predictFromDelta} in the same order, so the
 * predictions are equal bit for bit; eight pairs are computed side by side, whose independent
 * dependency chains the processor overlaps.
 */
final class RowPrediction {
  private RowPrediction() {}

  private static final int BLOCK = 8;

  /**
   * The predictions of the {@code rows} pairs of {@code delta} with the components
   * {@code replaced} taken from {@code columns[c][pair]} instead (a permuted feature), without
   * copying the whole batch: each block of 8 rows is copied and patched in a small buffer.
   */
  static void predictReplaced(double[] delta, int rows, int f, double[] coefficients,
      int[] replaced, double[][] columns, double[] out) {
    double[] rowsBuffer = new double[BLOCK * f];
    double[] outBuffer = new double[BLOCK];
    for (int start = 0; start < rows; start += BLOCK) {
      int len = Math.min(BLOCK, rows - start);
      System.arraycopy(delta, start * f, rowsBuffer, 0, len * f);
      for (int comp : replaced) {
        double[] column = columns[comp];
        for (int i = 0, o = comp; i < len; i++, o += f) {
          rowsBuffer[o] = column[start + i];
        }
      }
      predict(rowsBuffer, len, f, coefficients, outBuffer);
      System.arraycopy(outBuffer, 0, out, start, len);
    }
  }

  /** Writes the predictions of the {@code rows} pairs of {@code delta} into {@code out}. */
  static void predict(double[] delta, int rows, int f, double[] coefficients, double[] out) {
    int i = 0;
    for (; i + 7 < rows; i += 8) {
      int o0 = i * f;
      int o1 = o0 + f;
      int o2 = o1 + f;
      int o3 = o2 + f;
      int o4 = o3 + f;
      int o5 = o4 + f;
      int o6 = o5 + f;
      int o7 = o6 + f;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      double s4 = 0;
      double s5 = 0;
      double s6 = 0;
      double s7 = 0;
      int k = 0;
      for (int a = 0; a < f; a++) {
        double c0 = 0;
        double c1 = 0;
        double c2 = 0;
        double c3 = 0;
        double c4 = 0;
        double c5 = 0;
        double c6 = 0;
        double c7 = 0;
        for (int b = 0; b < a; b++) {
          double w = coefficients[k++];
          c0 += w * delta[o0 + b];
          c1 += w * delta[o1 + b];
          c2 += w * delta[o2 + b];
          c3 += w * delta[o3 + b];
          c4 += w * delta[o4 + b];
          c5 += w * delta[o5 + b];
          c6 += w * delta[o6 + b];
          c7 += w * delta[o7 + b];
        }
        double waa = coefficients[k++];
        double d0 = delta[o0 + a];
        double d1 = delta[o1 + a];
        double d2 = delta[o2 + a];
        double d3 = delta[o3 + a];
        double d4 = delta[o4 + a];
        double d5 = delta[o5 + a];
        double d6 = delta[o6 + a];
        double d7 = delta[o7 + a];
        s0 += d0 * (2 * c0 + waa * d0);
        s1 += d1 * (2 * c1 + waa * d1);
        s2 += d2 * (2 * c2 + waa * d2);
        s3 += d3 * (2 * c3 + waa * d3);
        s4 += d4 * (2 * c4 + waa * d4);
        s5 += d5 * (2 * c5 + waa * d5);
        s6 += d6 * (2 * c6 + waa * d6);
        s7 += d7 * (2 * c7 + waa * d7);
      }
      out[i] = s0;
      out[i + 1] = s1;
      out[i + 2] = s2;
      out[i + 3] = s3;
      out[i + 4] = s4;
      out[i + 5] = s5;
      out[i + 6] = s6;
      out[i + 7] = s7;
    }
    for (; i < rows; i++) {
      int o = i * f;
      double sum = 0;
      int k = 0;
      for (int a = 0; a < f; a++) {
        double da = delta[o + a];
        double cross = 0;
        for (int b = 0; b < a; b++) {
          cross += coefficients[k++] * delta[o + b];
        }
        sum += da * (2 * cross + coefficients[k++] * da);
      }
      out[i] = sum;
    }
  }
}
