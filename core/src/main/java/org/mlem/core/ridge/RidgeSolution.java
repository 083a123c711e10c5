package org.mlem.core.ridge;

import java.io.Serializable;

/**
 * One ridge solution of {@link FractionalRidge}: the coefficients for one fraction and the
 * penalty that gives it. Prediction is {@code intercept + x^T beta} on the uncentered design.
 *
 * @param fraction the requested fraction gamma = ||beta|| / ||beta_OLS||, in [0, 1]
 * @param alpha the ridge penalty giving that fraction: 0 for gamma = 1, +Infinity for gamma = 0
 * @param achieved the fraction the returned beta has (equal to {@code fraction} within the
 *     search tolerance; 0 when the OLS solution is zero)
 * @param beta the coefficients, one per design column
 * @param intercept the mean of y minus the column means times beta (the design was centered)
 */
public record RidgeSolution(
    double fraction, double alpha, double achieved, double[] beta, double intercept)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies beta. */
  public RidgeSolution {
    beta = beta.clone();
  }

  /** The coefficients, a copy. */
  @Override
  public double[] beta() {
    return beta.clone();
  }

  /**
   * The predictions {@code intercept + X beta} of {@code rows} rows.
   *
   * @param x rows x beta.length values, row-major
   * @param rows the number of rows
   * @return one prediction per row
   */
  public double[] predict(double[] x, int rows) {
    int p = beta.length;
    if (x.length != (long) rows * p) {
      throw new IllegalArgumentException(
          "expected " + rows + " x " + p + " design values, found " + x.length);
    }
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double s = intercept;
      for (int c = 0; c < p; c++) {
        s += x[r * p + c] * beta[c];
      }
      out[r] = s;
    }
    return out;
  }
}
