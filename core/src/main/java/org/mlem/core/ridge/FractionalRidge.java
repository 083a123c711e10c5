package org.mlem.core.ridge;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Fractional ridge regression (Rokem and Kay 2020, "fracridge"): the ridge penalty is
 * parametrized by the fraction gamma = ||beta_ridge(alpha)|| / ||beta_OLS|| in [0, 1] instead of
 * alpha. From the thin SVD of the centered design X = U S V^T, with b = S^-1 U^T y the OLS
 * solution in V's basis, the ridge solution is
 * {@code beta(alpha) = V diag(s^2 / (s^2 + alpha)) b = V diag(s / (s^2 + alpha)) U^T y} and its
 * norm {@code ||diag(s^2 / (s^2 + alpha)) b||} falls strictly from ||b|| at alpha = 0 to 0; the
 * alpha of a fraction is found by bisection on log alpha (to a relative width of 1e-14), so one
 * SVD serves every fraction. Intercept: y and the columns of X are centered (their means are kept
 * and give {@link RidgeSolution#intercept()}); the intercept is not penalized. Singular values
 * below {@code max(n, p) * 2^-52 * s_max} are treated as zero (their directions get no weight,
 * as in a pseudo-inverse), so a constant or duplicated column is harmless. Immutable.
 */
public final class FractionalRidge {
  private final int columns;
  private final double[] columnMeans;
  private final double yMean;
  /** The kept singular values s_i (> 0). */
  private final double[] s;
  /** b_i = (U^T y)_i / s_i, the OLS solution in V's basis. */
  private final double[] b;
  /** V's kept columns, columns x s.length, row-major. */
  private final double[] v;
  private final double olsNorm;

  private FractionalRidge(int columns, double[] columnMeans, double yMean, double[] s,
      double[] b, double[] v) {
    this.columns = columns;
    this.columnMeans = columnMeans;
    this.yMean = yMean;
    this.s = s;
    this.b = b;
    this.v = v;
    double sum = 0;
    for (double bi : b) {
      sum += bi * bi;
    }
    this.olsNorm = Math.sqrt(sum);
  }

  /**
   * Centers X and y and takes the SVD of X.
   *
   * @param x rows x columns design values, row-major, finite; not modified
   * @param rows n &gt;= 2
   * @param columns p &gt;= 1
   * @param y the n responses, finite
   * @return the solver
   * @throws IllegalArgumentException on wrong lengths, too few rows, or a non-finite value
   */
  public static FractionalRidge fit(double[] x, int rows, int columns, double[] y) {
    if (rows < 2 || columns < 1) {
      throw new IllegalArgumentException(
          "fractional ridge needs at least 2 rows and 1 column, found " + rows + " x " + columns);
    }
    if (x.length != (long) rows * columns || y.length != rows) {
      throw new IllegalArgumentException("fractional ridge: expected " + rows + " x " + columns
          + " design values and " + rows + " responses, found " + x.length + " and " + y.length);
    }
    double[] means = new double[columns];
    double yMean = 0;
    for (int r = 0; r < rows; r++) {
      if (!Double.isFinite(y[r])) {
        throw new IllegalArgumentException("fractional ridge: response " + r + " is " + y[r]);
      }
      yMean += y[r];
      for (int c = 0; c < columns; c++) {
        double value = x[r * columns + c];
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              "fractional ridge: design value at row " + r + ", column " + c + " is " + value);
        }
        means[c] += value;
      }
    }
    yMean /= rows;
    for (int c = 0; c < columns; c++) {
      means[c] /= rows;
    }
    DMatrixRMaj centered = new DMatrixRMaj(rows, columns);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        centered.unsafe_set(r, c, x[r * columns + c] - means[c]);
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(rows, columns, true, true, true);
    if (!svd.decompose(centered)) {
      throw new IllegalStateException("fractional ridge: the SVD of the design did not converge");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj vMatrix = svd.getV(null, false);
    double[] w = svd.getSingularValues();
    int k = svd.numberOfSingularValues();
    double sMax = 0;
    for (int i = 0; i < k; i++) {
      sMax = Math.max(sMax, w[i]);
    }
    double tolerance = Math.max(rows, columns) * Math.ulp(1.0) * sMax;
    int kept = 0;
    for (int i = 0; i < k; i++) {
      if (w[i] > tolerance) {
        kept++;
      }
    }
    double[] s = new double[kept];
    double[] b = new double[kept];
    double[] v = new double[columns * kept];
    int j = 0;
    for (int i = 0; i < k; i++) {
      if (w[i] <= tolerance) {
        continue;
      }
      double uty = 0;
      for (int r = 0; r < rows; r++) {
        uty += u.unsafe_get(r, i) * (y[r] - yMean);
      }
      s[j] = w[i];
      b[j] = uty / w[i];
      for (int c = 0; c < columns; c++) {
        v[c * kept + j] = vMatrix.unsafe_get(c, i);
      }
      j++;
    }
    return new FractionalRidge(columns, means, yMean, s, b, v);
  }

  /** The number p of design columns. */
  public int columns() {
    return columns;
  }

  /** The OLS (minimum-norm least squares) solution, the fraction-1 solution. */
  public RidgeSolution ols() {
    return atAlpha(1.0, 0.0);
  }

  /**
   * The fraction ||beta(alpha)|| / ||beta_OLS|| that penalty {@code alpha} gives.
   *
   * @param alpha &gt;= 0 (+Infinity gives 0)
   * @return the fraction in [0, 1]; 0 when the OLS solution is zero
   */
  public double fractionAt(double alpha) {
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException("alpha must be >= 0, found " + alpha);
    }
    if (olsNorm == 0 || alpha == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      double shrunk = b[i] * s[i] * s[i] / (s[i] * s[i] + alpha);
      sum += shrunk * shrunk;
    }
    return Math.sqrt(sum) / olsNorm;
  }

  /**
   * The penalty alpha whose solution has norm {@code fraction * ||beta_OLS||}.
   *
   * @param fraction gamma in [0, 1]
   * @return 0 for gamma = 1, +Infinity for gamma = 0 (or when the OLS solution is zero and gamma
   *     &lt; 1), else the bisection's alpha
   */
  public double alphaFor(double fraction) {
    checkFraction(fraction);
    if (fraction == 1.0) {
      return 0.0;
    }
    if (fraction == 0.0 || olsNorm == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double sMin = Double.POSITIVE_INFINITY;
    double sMax = 0;
    for (double si : s) {
      sMin = Math.min(sMin, si);
      sMax = Math.max(sMax, si);
    }
    // each shrinkage factor s^2/(s^2+alpha) lies between the smallest and the largest one, so
    // the fraction is >= gamma at lo and <= gamma at hi
    double lo = sMin * sMin * (1 - fraction) / fraction;
    double hi = sMax * sMax * (1 - fraction) / fraction;
    if (lo == hi) {
      return lo;
    }
    double logLo = Math.log(lo);
    double logHi = Math.log(hi);
    for (int iteration = 0; iteration < 200 && logHi - logLo > 1e-14; iteration++) {
      double mid = 0.5 * (logLo + logHi);
      if (fractionAt(Math.exp(mid)) > fraction) {
        logLo = mid;
      } else {
        logHi = mid;
      }
    }
    return Math.exp(0.5 * (logLo + logHi));
  }

  /**
   * The ridge solution of fraction gamma.
   *
   * @param fraction gamma in [0, 1]: 1 is OLS, 0 is beta = 0 (the intercept alone)
   * @return the solution with its alpha
   */
  public RidgeSolution solve(double fraction) {
    return atAlpha(fraction, alphaFor(fraction));
  }

  /** The solution of every fraction of {@code fractions}, in order. */
  public RidgeSolution[] solve(double[] fractions) {
    RidgeSolution[] out = new RidgeSolution[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      out[i] = solve(fractions[i]);
    }
    return out;
  }

  private RidgeSolution atAlpha(double fraction, double alpha) {
    int kept = s.length;
    double[] beta = new double[columns];
    if (alpha != Double.POSITIVE_INFINITY) {
      for (int i = 0; i < kept; i++) {
        double shrunk = b[i] * s[i] * s[i] / (s[i] * s[i] + alpha);
        for (int c = 0; c < columns; c++) {
          beta[c] += v[c * kept + i] * shrunk;
        }
      }
    }
    double intercept = yMean;
    for (int c = 0; c < columns; c++) {
      intercept -= columnMeans[c] * beta[c];
    }
    return new RidgeSolution(fraction, alpha, fractionAt(alpha), beta, intercept);
  }

  static void checkFraction(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], found " + fraction);
    }
  }
}
