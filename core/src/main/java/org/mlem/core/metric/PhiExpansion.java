package org.mlem.core.metric;

import java.util.List;

/**
 * The expansion of a pair's feature distances delta into the terms phi of MLEM's linear model,
 * so that the predicted squared distance {@code s = delta^T W delta} is the dot product
 * {@code phi . w} (docs/method.md section 2; paper, Appendix D).
 *
 * <p>With interactions there is one term per feature pair (a, b), a &gt;= b, in lower-triangular
 * row-major order (0,0), (1,0), (1,1), (2,0), ...: {@code phi_(a,a) = delta_a^2} and
 * {@code phi_(a,b) = 2 delta_a delta_b}, whose coefficient is {@code W_ab = W_ba}. The factor 2
 * follows the paper (the reference package omits it), so the coefficients are the metric itself.
 * Without interactions there is one term per feature, {@code phi_a = delta_a^2}, and W is
 * diagonal.
 *
 * <p>Matrices are row-major {@code double[]} arrays. The per-batch methods ({@link #expand},
 * {@link #predict}, {@link #transposeTimes}) allocate nothing and accept buffers longer than
 * needed, so callers can reuse them across batches of different sizes.
 */
public final class PhiExpansion {
  private PhiExpansion() {}

  /**
   * The number of terms K: {@code F(F+1)/2} with interactions, {@code F} without.
   *
   * @param featureCount F, at least 1
   * @param interactions whether the products of distinct features are terms
   */
  public static int termCount(int featureCount, boolean interactions) {
    requireFeatureCount(featureCount);
    if (!interactions) {
      return featureCount;
    }
    long count = (long) featureCount * (featureCount + 1) / 2;
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "featureCount must give at most " + Integer.MAX_VALUE + " terms, found " + featureCount
              + " features (" + count + " terms)");
    }
    return (int) count;
  }

  /**
   * The index of the interaction term of features a and b: {@code a(a+1)/2 + b} for a &gt;= b.
   * The pair is unordered, so {@code termIndex(a, b) == termIndex(b, a)}.
   *
   * @param a a feature index, &gt;= 0
   * @param b a feature index, &gt;= 0
   */
  public static int termIndex(int a, int b) {
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException(
          "feature indices must be >= 0, found (" + a + ", " + b + ")");
    }
    int hi = Math.max(a, b);
    int lo = Math.min(a, b);
    return hi * (hi + 1) / 2 + lo;
  }

  /**
   * The features {a, b}, a &gt;= b, of interaction term {@code term}: the inverse of
   * {@link #termIndex(int, int)}.
   *
   * @param term a term index, &gt;= 0
   */
  public static int[] termFeatures(int term) {
    if (term < 0) {
      throw new IllegalArgumentException("term must be >= 0, found " + term);
    }
    int a = (int) ((Math.sqrt(8.0 * term + 1.0) - 1.0) / 2.0);
    // Correct a possible rounding error of the square root.
    while ((long) a * (a + 1) / 2 > term) {
      a--;
    }
    while ((long) (a + 1) * (a + 2) / 2 <= term) {
      a++;
    }
    int b = term - a * (a + 1) / 2;
    return new int[] {a, b};
  }

  /**
   * Expands feature distances into terms: {@code phiOut} (rows x K, row-major) from {@code delta}
   * (rows x F, row-major). Allocation-free; the cost is rows x K multiplications.
   *
   * @param delta feature distances, length &gt;= rows * featureCount
   * @param rows number of pairs, &gt;= 0
   * @param featureCount F, &gt;= 1
   * @param interactions whether to emit the cross terms {@code 2 delta_a delta_b}
   * @param phiOut receives the terms, length &gt;= rows * termCount(featureCount, interactions)
   */
  public static void expand(
      double[] delta, int rows, int featureCount, boolean interactions, double[] phiOut) {
    int termCount = termCount(featureCount, interactions);
    requireRows(rows);
    requireLength("delta", delta, rows, featureCount);
    requireLength("phiOut", phiOut, rows, termCount);
    if (!interactions) {
      int n = rows * featureCount;
      for (int i = 0; i < n; i++) {
        double d = delta[i];
        phiOut[i] = d * d;
      }
      return;
    }
    int out = 0;
    for (int r = 0; r < rows; r++) {
      int row = r * featureCount;
      for (int a = 0; a < featureCount; a++) {
        double da = delta[row + a];
        double twoDa = 2.0 * da;
        for (int b = 0; b < a; b++) {
          phiOut[out++] = twoDa * delta[row + b];
        }
        phiOut[out++] = da * da;
      }
    }
  }

  /**
   * The predicted distances {@code sOut = delta^T W delta} straight from the feature distances,
   * the phi terms formed on the fly (equal to {@link #predict} of {@link #expand}'s terms up to
   * the summation order). Allocation-free, and it needs no rows x K buffer; the training step
   * and the scorers use it.
   *
   * @param delta feature distances, rows x F row-major
   * @param rows number of pairs, &gt;= 0
   * @param featureCount F, &gt;= 1
   * @param interactions whether W has interaction terms
   * @param coefficients W's coefficients in term order
   * @param sOut receives the predictions, length &gt;= rows
   */
  public static void predictFromDelta(double[] delta, int rows, int featureCount,
      boolean interactions, double[] coefficients, double[] sOut) {
    predictFromDelta(delta, 0, rows, featureCount, interactions, coefficients, sOut);
  }

  /**
   * As {@link #predictFromDelta(double[], int, int, boolean, double[], double[])} for the pairs
   * {@code [from, to)} only (each pair's prediction is independent of the others, so ranges may
   * be computed on different threads).
   */
  public static void predictFromDelta(double[] delta, int from, int to, int featureCount,
      boolean interactions, double[] coefficients, double[] sOut) {
    int f = featureCount;
    if (interactions) {
      int[] nonZero = new int[f + 1];
      for (int i = from; i < to; i++) {
        int o = i * f;
        int m = nonZeroFeatures(delta, o, f, nonZero);
        double sum = 0;
        for (int x = 0; x < m; x++) {
          int a = nonZero[x];
          int base = a * (a + 1) / 2;
          double da = delta[o + a];
          double cross = 0;
          for (int y = 0; y < x; y++) {
            int b = nonZero[y];
            cross += coefficients[base + b] * delta[o + b];
          }
          sum += da * (2 * cross + coefficients[base + a] * da);
        }
        sOut[i] = sum;
      }
    } else {
      for (int i = from; i < to; i++) {
        int o = i * f;
        double sum = 0;
        for (int a = 0; a < f; a++) {
          double da = delta[o + a];
          sum += coefficients[a] * da * da;
        }
        sOut[i] = sum;
      }
    }
  }

  /**
   * The gradient of the coefficients {@code gradOut = Phi^T g} straight from the feature
   * distances, the phi terms formed on the fly (phi_ab = 2 d_a d_b, phi_aa = d_a^2), every
   * coefficient's sum running over the pairs in order. Allocation-free apart from one index
   * buffer; like {@link #predictFromDelta} it visits only each pair's non-zero distances.
   *
   * @param delta feature distances, rows x F row-major
   * @param rows number of pairs, &gt;= 0
   * @param featureCount F, &gt;= 1
   * @param interactions whether W has interaction terms
   * @param g one value per pair (d score / d s)
   * @param gradOut receives the K sums (overwritten)
   */
  public static void transposeTimesFromDelta(double[] delta, int rows, int featureCount,
      boolean interactions, double[] g, double[] gradOut) {
    transposeTimesFromDelta(delta, rows, featureCount, interactions, g, gradOut, 0, featureCount);
  }

  /**
   * As {@link #transposeTimesFromDelta(double[], int, int, boolean, double[], double[])} for the
   * terms of features {@code [aFrom, aTo)} only: the terms (a, b), b &lt;= a, with interactions,
   * the terms a without; the other entries of {@code gradOut} are left untouched. Every term's
   * sum still runs over all pairs in order, so ranges computed on different threads give the
   * same bits as one call.
   */
  public static void transposeTimesFromDelta(double[] delta, int rows, int featureCount,
      boolean interactions, double[] g, double[] gradOut, int aFrom, int aTo) {
    int f = featureCount;
    if (interactions) {
      java.util.Arrays.fill(gradOut, aFrom * (aFrom + 1) / 2, aTo * (aTo + 1) / 2, 0.0);
    } else {
      java.util.Arrays.fill(gradOut, aFrom, aTo, 0.0);
    }
    if (interactions) {
      int[] nonZero = new int[f + 1];
      for (int i = 0; i < rows; i++) {
        int o = i * f;
        int m = nonZeroFeatures(delta, o, f, nonZero);
        double gi = g[i];
        for (int x = 0; x < m; x++) {
          int a = nonZero[x];
          if (a < aFrom || a >= aTo) {
            continue;
          }
          int base = a * (a + 1) / 2;
          double ga = gi * delta[o + a];
          double twice = 2 * ga;
          for (int y = 0; y < x; y++) {
            int b = nonZero[y];
            gradOut[base + b] += twice * delta[o + b];
          }
          gradOut[base + a] += ga * delta[o + a];
        }
      }
    } else {
      for (int i = 0; i < rows; i++) {
        int o = i * f;
        double gi = g[i];
        for (int a = aFrom; a < aTo; a++) {
          double da = delta[o + a];
          gradOut[a] += gi * da * da;
        }
      }
    }
  }

  /**
   * The features whose distance is non-zero in the row at {@code offset}, ascending, into
   * {@code out}; returns their number. A zero distance contributes exactly zero to every sum of
   * {@link #predictFromDelta} and {@link #transposeTimesFromDelta} (a finite value times 0 is
   * +-0, and adding +-0 to a sum that started at +0 leaves it unchanged), so skipping it changes
   * no bit of the result.
   */
  private static int nonZeroFeatures(double[] delta, int offset, int f, int[] out) {
    int m = 0;
    for (int a = 0; a < f; a++) {
      out[m] = a;
      m += delta[offset + a] != 0.0 ? 1 : 0;
    }
    return m;
  }

  /**
   * The predicted distances {@code sOut = Phi w}. Allocation-free.
   *
   * @param phi terms, rows x termCount row-major
   * @param rows number of pairs, &gt;= 0
   * @param termCount K, &gt;= 1
   * @param coefficients w, length &gt;= K
   * @param sOut receives the predictions, length &gt;= rows
   */
  public static void predict(
      double[] phi, int rows, int termCount, double[] coefficients, double[] sOut) {
    requireRows(rows);
    requireTermCount(termCount);
    requireLength("phi", phi, rows, termCount);
    requireLength("coefficients", coefficients, 1, termCount);
    requireLength("sOut", sOut, rows, 1);
    for (int r = 0; r < rows; r++) {
      int row = r * termCount;
      double s = 0.0;
      for (int k = 0; k < termCount; k++) {
        s += phi[row + k] * coefficients[k];
      }
      sOut[r] = s;
    }
  }

  /**
   * {@code out = Phi^T g}: the gradient with respect to the coefficients of a score whose
   * gradient with respect to the predictions {@code s = Phi w} is {@code g}. Allocation-free.
   *
   * @param phi terms, rows x termCount row-major
   * @param rows number of pairs, &gt;= 0
   * @param termCount K, &gt;= 1
   * @param g one value per row, length &gt;= rows
   * @param out receives K values (overwritten), length &gt;= K
   */
  public static void transposeTimes(
      double[] phi, int rows, int termCount, double[] g, double[] out) {
    requireRows(rows);
    requireTermCount(termCount);
    requireLength("phi", phi, rows, termCount);
    requireLength("g", g, rows, 1);
    requireLength("out", out, 1, termCount);
    for (int k = 0; k < termCount; k++) {
      out[k] = 0.0;
    }
    for (int r = 0; r < rows; r++) {
      int row = r * termCount;
      double gr = g[r];
      for (int k = 0; k < termCount; k++) {
        out[k] += phi[row + k] * gr;
      }
    }
  }

  /**
   * Human-readable term names: a diagonal term is the feature's name, the term (a, b) with
   * a &gt; b is {@code names[b] + ":" + names[a]} (the earlier feature first).
   *
   * @param featureNames the F feature names, F &gt;= 1, none null
   * @param interactions whether the cross terms exist
   */
  public static String[] termNames(List<String> featureNames, boolean interactions) {
    if (featureNames == null) {
      throw new IllegalArgumentException("featureNames must not be null");
    }
    int featureCount = featureNames.size();
    int termCount = termCount(featureCount, interactions);
    for (int f = 0; f < featureCount; f++) {
      if (featureNames.get(f) == null) {
        throw new IllegalArgumentException("featureNames must not contain null, found one at index " + f);
      }
    }
    String[] names = new String[termCount];
    if (!interactions) {
      return featureNames.toArray(names);
    }
    for (int a = 0; a < featureCount; a++) {
      for (int b = 0; b < a; b++) {
        names[termIndex(a, b)] = featureNames.get(b) + ":" + featureNames.get(a);
      }
      names[termIndex(a, a)] = featureNames.get(a);
    }
    return names;
  }

  /**
   * The full symmetric F x F matrix W of the coefficients: {@code W_ab = W_ba = coefficient(a, b)}
   * with interactions, {@code diag(coefficients)} without.
   *
   * @param coefficients K = termCount(featureCount, interactions) values
   * @param featureCount F, &gt;= 1
   * @param interactions whether the coefficients include the cross terms
   */
  public static double[][] matrix(double[] coefficients, int featureCount, boolean interactions) {
    int termCount = termCount(featureCount, interactions);
    if (coefficients == null || coefficients.length != termCount) {
      throw new IllegalArgumentException(
          "coefficients must have " + termCount + " values for " + featureCount + " features"
              + (interactions ? " with" : " without") + " interactions, found "
              + (coefficients == null ? "null" : String.valueOf(coefficients.length)));
    }
    double[][] w = new double[featureCount][featureCount];
    for (int a = 0; a < featureCount; a++) {
      if (interactions) {
        for (int b = 0; b <= a; b++) {
          double c = coefficients[termIndex(a, b)];
          w[a][b] = c;
          w[b][a] = c;
        }
      } else {
        w[a][a] = coefficients[a];
      }
    }
    return w;
  }

  static void requireFeatureCount(int featureCount) {
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be >= 1, found " + featureCount);
    }
  }

  private static void requireRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, found " + rows);
    }
  }

  private static void requireTermCount(int termCount) {
    if (termCount < 1) {
      throw new IllegalArgumentException("termCount must be >= 1, found " + termCount);
    }
  }

  private static void requireLength(String name, double[] array, int rows, int columns) {
    long needed = (long) rows * columns;
    if (array == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (array.length < needed) {
      throw new IllegalArgumentException(
          name + " must have length >= " + needed + " (" + rows + " x " + columns + "), found "
              + array.length);
    }
  }
}
