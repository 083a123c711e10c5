package org.mlem.core.features;

import java.io.Serializable;
import java.util.List;

/**
 * Encoded features of n stimuli, ready to give the feature-distance vector delta_ij of any pair
 * (docs/method.md section 1): F features, each distance in [0, 1].
 *
 * <p>Storage is one primitive array per feature: int category codes for CATEGORICAL (-1 =
 * missing), min-max scaled doubles for ORDINAL (NaN = missing), flattened min-max scaled vectors
 * plus a missing flag per stimulus for VECTOR. {@link #deltas} loops feature by feature over a
 * range of pairs without allocating, so it can run every training step. Created by
 * {@link FeatureSchema#encode(FeatureTable)}; immutable and thread-safe.
 */
public final class EncodedFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> ids;
  private final List<String> names;
  private final FeatureKind[] kinds;
  private final double missingDistance;
  /** Per feature: category codes (CATEGORICAL), else null. */
  private final int[][] codes;
  /** Per feature: scaled values (ORDINAL) or flattened scaled vectors (VECTOR), else null. */
  private final double[][] values;
  /** Per feature: missing flag per stimulus (VECTOR), else null. */
  private final boolean[][] missing;
  /** Per feature: vector dimension (VECTOR), else 0. */
  private final int[] dims;
  /** What the encoding did with each feature (kinds, levels or ranges, missing counts). */
  private final FeatureSummary summary;

  EncodedFeatures(
      List<String> ids,
      List<String> names,
      FeatureKind[] kinds,
      double missingDistance,
      int[][] codes,
      double[][] values,
      boolean[][] missing,
      int[] dims,
      FeatureSummary summary) {
    this.ids = ids;
    this.names = List.copyOf(names);
    this.kinds = kinds;
    this.missingDistance = missingDistance;
    this.codes = codes;
    this.values = values;
    this.missing = missing;
    this.dims = dims;
    this.summary = summary;
  }

  /**
   * What the encoding did with each feature: kind (declared or inferred), levels or fitted
   * range, missing count; for the console and run.json.
   *
   * @return the summary, one entry per feature in encoding order
   */
  public FeatureSummary summary() {
    return summary;
  }

  /**
   * The number of stimuli n.
   *
   * @return n
   */
  public int size() {
    return ids.size();
  }

  /**
   * The number of features F.
   *
   * @return F &gt;= 1
   */
  public int featureCount() {
    return kinds.length;
  }

  /**
   * The feature names, in encoding order (the order of the delta vectors' components).
   *
   * @return an immutable list of F names
   */
  public List<String> names() {
    return names;
  }

  /**
   * The kind feature f was encoded as.
   *
   * @param feature a feature index in [0, F)
   * @return its kind
   */
  public FeatureKind kind(int feature) {
    return kinds[feature];
  }

  /**
   * The stimulus ids, in row order (the table's).
   *
   * @return an immutable list of n ids
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * The distance used when a value is missing on either side of a pair.
   *
   * @return a value in [0, 1]
   */
  public double missingDistance() {
    return missingDistance;
  }

  /**
   * Writes the F feature distances of one pair: {@code out[offset + f] = delta_f(i, j)}.
   *
   * @param i a stimulus index in [0, n)
   * @param j a stimulus index in [0, n)
   * @param out receives F values from {@code offset}
   * @param offset the first index written
   */
  public void delta(int i, int j, double[] out, int offset) {
    for (int f = 0; f < kinds.length; f++) {
      out[offset + f] = featureDistance(f, i, j);
    }
  }

  /**
   * Writes the feature distances of a range of pairs as a row-major (to - from) x F matrix: row r
   * (from {@code out[0]}) is delta of pair {@code (first[from + r], second[from + r])}.
   *
   * @param first first stimulus of each pair
   * @param second second stimulus of each pair
   * @param from first pair, inclusive
   * @param to last pair, exclusive
   * @param out receives (to - from) * F values
   */
  public void deltas(int[] first, int[] second, int from, int to, double[] out) {
    int featureCount = kinds.length;
    double fill = missingDistance;
    for (int f = 0; f < featureCount; f++) {
      switch (kinds[f]) {
        case CATEGORICAL -> {
          int[] c = codes[f];
          for (int p = from, o = f; p < to; p++, o += featureCount) {
            int a = c[first[p]];
            int b = c[second[p]];
            out[o] = (a < 0 || b < 0) ? fill : (a == b ? 0.0 : 1.0);
          }
        }
        case ORDINAL -> {
          double[] x = values[f];
          for (int p = from, o = f; p < to; p++, o += featureCount) {
            double d = Math.abs(x[first[p]] - x[second[p]]);
            out[o] = Double.isNaN(d) ? fill : d;
          }
        }
        case VECTOR -> {
          for (int p = from, o = f; p < to; p++, o += featureCount) {
            out[o] = vectorDistance(f, first[p], second[p]);
          }
        }
      }
    }
  }

  /**
   * The distance delta_f(i, j) of one feature, computed exactly as {@link #delta} computes it
   * (stimulus-level permutation importance recomputes one feature's column for permuted
   * stimuli).
   *
   * @param feature a feature index in [0, F)
   * @param i a stimulus index in [0, n)
   * @param j a stimulus index in [0, n)
   * @return the distance, in [0, 1]
   */
  public double distance(int feature, int i, int j) {
    return featureDistance(feature, i, j);
  }

  private double featureDistance(int f, int i, int j) {
    switch (kinds[f]) {
      case CATEGORICAL -> {
        int a = codes[f][i];
        int b = codes[f][j];
        return (a < 0 || b < 0) ? missingDistance : (a == b ? 0.0 : 1.0);
      }
      case ORDINAL -> {
        double d = Math.abs(values[f][i] - values[f][j]);
        return Double.isNaN(d) ? missingDistance : d;
      }
      default -> {
        return vectorDistance(f, i, j);
      }
    }
  }

  private double vectorDistance(int f, int i, int j) {
    boolean[] m = missing[f];
    if (m[i] || m[j]) {
      return missingDistance;
    }
    double[] v = values[f];
    int dim = dims[f];
    int a = i * dim;
    int b = j * dim;
    double sum = 0.0;
    for (int c = 0; c < dim; c++) {
      double d = v[a + c] - v[b + c];
      sum += d * d;
    }
    return Math.min(1.0, Math.sqrt(sum / dim));
  }
}
