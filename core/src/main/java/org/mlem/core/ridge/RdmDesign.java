package org.mlem.core.ridge;

import java.io.Serializable;
import java.util.List;
import org.mlem.core.metric.PhiExpansion;

/**
 * The FR-RSA design of pairs (Kaniuth and Hebart 2022): one column per feature RDM,
 * {@code delta_f^2}, and with interactions one per feature pair, {@code delta_f^2 delta_g^2},
 * each standardized (z-scored) with the mean and standard deviation of the pairs it was fitted
 * on (the training pairs), so that held-out and permuted pairs are standardized the same way.
 * Columns are in {@link PhiExpansion} term order (term {@code termIndex(a, b)}, a &gt;= b, is
 * feature a's own RDM when a = b), so {@link PhiExpansion#termNames} names them. A column that is
 * constant on the fitting pairs keeps its mean and a unit scale (it is then constant, and the
 * ridge gives it no weight). Immutable and serializable.
 */
public final class RdmDesign implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int featureCount;
  private final boolean interactions;
  private final double[] means;
  private final double[] scales;

  private RdmDesign(int featureCount, boolean interactions, double[] means, double[] scales) {
    this.featureCount = featureCount;
    this.interactions = interactions;
    this.means = means;
    this.scales = scales;
  }

  /**
   * Standardizes with the moments of these pairs.
   *
   * @param delta rows x F feature distances, row-major
   * @param rows the number of pairs, &gt;= 1
   * @param featureCount F &gt;= 1
   * @param interactions whether the products of distinct features' RDMs are columns
   * @return the design
   */
  public static RdmDesign fit(double[] delta, int rows, int featureCount, boolean interactions) {
    int p = PhiExpansion.termCount(featureCount, interactions);
    double[] raw = raw(delta, rows, featureCount, interactions);
    double[] means = new double[p];
    double[] scales = new double[p];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < p; c++) {
        means[c] += raw[r * p + c];
      }
    }
    for (int c = 0; c < p; c++) {
      means[c] /= rows;
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < p; c++) {
        double d = raw[r * p + c] - means[c];
        scales[c] += d * d;
      }
    }
    for (int c = 0; c < p; c++) {
      double sd = Math.sqrt(scales[c] / rows);
      scales[c] = sd > 0 ? sd : 1.0;
    }
    return new RdmDesign(featureCount, interactions, means, scales);
  }

  /** F. */
  public int featureCount() {
    return featureCount;
  }

  /** Whether the design has the interaction columns. */
  public boolean interactions() {
    return interactions;
  }

  /** The number of columns. */
  public int columns() {
    return means.length;
  }

  /** Names of the columns: the features, then "a:b" products, in term order. */
  public List<String> columnNames(List<String> featureNames) {
    return List.of(PhiExpansion.termNames(featureNames, interactions));
  }

  /**
   * The standardized design of pairs.
   *
   * @param delta rows x F feature distances, row-major
   * @param rows the number of pairs
   * @return rows x {@link #columns()} values, row-major
   */
  public double[] apply(double[] delta, int rows) {
    double[] x = raw(delta, rows, featureCount, interactions);
    int p = means.length;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < p; c++) {
        x[r * p + c] = (x[r * p + c] - means[c]) / scales[c];
      }
    }
    return x;
  }

  private static double[] raw(double[] delta, int rows, int featureCount, boolean interactions) {
    if (delta.length != (long) rows * featureCount) {
      throw new IllegalArgumentException("expected " + rows + " x " + featureCount
          + " feature distances, found " + delta.length);
    }
    int p = PhiExpansion.termCount(featureCount, interactions);
    double[] x = new double[rows * p];
    for (int r = 0; r < rows; r++) {
      int row = r * featureCount;
      for (int a = 0; a < featureCount; a++) {
        double da = delta[row + a] * delta[row + a];
        if (!interactions) {
          x[r * p + a] = da;
          continue;
        }
        for (int b = 0; b <= a; b++) {
          double db = delta[row + b] * delta[row + b];
          x[r * p + PhiExpansion.termIndex(a, b)] = a == b ? da : da * db;
        }
      }
    }
    return x;
  }
}
