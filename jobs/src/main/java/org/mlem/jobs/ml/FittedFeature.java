package org.mlem.jobs.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mlem.core.features.FeatureKind;

/**
 * How one feature was encoded at fit time, and the per-feature distance of two NEW values
 * computed with it: the small per-feature scaling that core keeps private (core encodes a whole
 * table at once and exposes no "encode a new value with the fitted ranges" API). It mirrors
 * core's {@code FeatureEncoding} and {@code EncodedFeatures} exactly, so two stimuli of the fit
 * table get exactly core's delta:
 *
 * <ul>
 *   <li>CATEGORICAL (string or boolean column): 0 if the two values are equal, else 1; a value
 *       not seen at fit counts as different from everything, itself included (1).
 *   <li>ORDINAL (numeric column): {@code |x~_1 - x~_2|} with {@code x~ = (x - min) / (max -
 *       min)} over the fit table, clamped to [0, 1].
 *   <li>VECTOR (array or vector column): each component scaled the same way (a component
 *       constant at fit scales to 0), then {@code min(1, ||x~_1 - x~_2|| / sqrt(dim))}.
 *   <li>A missing value (null, or NaN for numbers) on either side: the fitted missing distance.
 * </ul>
 *
 * @param name the feature (column) name
 * @param valueType "string", "boolean", "numeric" or "vector": the column type seen at fit
 * @param kind the kind core encoded it as
 * @param categories the values seen at fit (CATEGORICAL; sorted), else empty
 * @param min the fitted minimum (ORDINAL: one value; VECTOR: one per component), else empty
 * @param max the fitted maximum, same shape as {@code min}
 * @param missingDistance the distance of a pair with a missing value, in [0, 1]
 */
record FittedFeature(
    String name,
    String valueType,
    FeatureKind kind,
    List<String> categories,
    double[] min,
    double[] max,
    double missingDistance) implements Serializable {

  static final String STRING = "string";
  static final String BOOLEAN = "boolean";
  static final String NUMERIC = "numeric";
  static final String VECTOR = "vector";

  /** Copies the collections. */
  FittedFeature {
    categories = List.copyOf(categories);
    min = min.clone();
    max = max.clone();
  }

  /**
   * Records the encoding of a string or boolean column: the distinct values seen.
   *
   * @param values the column's values (Strings or Booleans, null = missing)
   */
  static FittedFeature categorical(String name, String valueType, List<?> values,
      double missingDistance) {
    Set<String> seen = new HashSet<>();
    for (Object v : values) {
      if (v != null) {
        seen.add(v.toString());
      }
    }
    List<String> sorted = new ArrayList<>(seen);
    sorted.sort(null);
    return new FittedFeature(name, valueType, FeatureKind.CATEGORICAL, sorted, new double[0],
        new double[0], missingDistance);
  }

  /**
   * Records the range of a numeric column over its non-missing (non-NaN) values.
   *
   * @param values the column's values as doubles, NaN = missing
   */
  static FittedFeature ordinal(String name, double[] values, double missingDistance) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : values) {
      if (!Double.isNaN(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    return new FittedFeature(name, NUMERIC, FeatureKind.ORDINAL, List.of(), new double[] {lo},
        new double[] {hi}, missingDistance);
  }

  /**
   * Records the per-component range of a vector column over its non-missing rows.
   *
   * @param rows the column's vectors, null = missing; non-missing rows of one length
   */
  static FittedFeature vector(String name, List<double[]> rows, double missingDistance) {
    int dim = 0;
    for (double[] row : rows) {
      if (row != null) {
        dim = row.length;
        break;
      }
    }
    double[] lo = new double[dim];
    double[] hi = new double[dim];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] row : rows) {
      if (row == null) {
        continue;
      }
      for (int c = 0; c < dim; c++) {
        lo[c] = Math.min(lo[c], row[c]);
        hi[c] = Math.max(hi[c], row[c]);
      }
    }
    return new FittedFeature(name, VECTOR, FeatureKind.VECTOR, List.of(), lo, hi,
        missingDistance);
  }

  /**
   * The feature distance of two values, in [0, 1].
   *
   * @param a the first stimulus's value: a String, Boolean, Number or double[]; null = missing
   * @param b the second stimulus's value, same type
   * @return delta_f of the pair
   * @throws IllegalArgumentException if a vector has another length than at fit
   */
  double distance(Object a, Object b) {
    if (a == null || b == null) {
      return missingDistance;
    }
    switch (kind) {
      case CATEGORICAL -> {
        String x = a.toString();
        String y = b.toString();
        if (!categories.contains(x) || !categories.contains(y)) {
          return 1.0;
        }
        return x.equals(y) ? 0.0 : 1.0;
      }
      case ORDINAL -> {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
          return missingDistance;
        }
        return Math.abs(scaled(x, 0) - scaled(y, 0));
      }
      default -> {
        double[] x = (double[]) a;
        double[] y = (double[]) b;
        int dim = min.length;
        requireLength(x, dim);
        requireLength(y, dim);
        double sum = 0.0;
        for (int c = 0; c < dim; c++) {
          double d = scaled(x[c], c) - scaled(y[c], c);
          sum += d * d;
        }
        return Math.min(1.0, Math.sqrt(sum / Math.max(dim, 1)));
      }
    }
  }

  /** Min-max scaled with the fitted range and clamped to [0, 1]; 0 for a constant component. */
  private double scaled(double x, int component) {
    double range = max[component] - min[component];
    if (!(range > 0)) {
      return 0.0;
    }
    double s = (x - min[component]) / range;
    return s < 0 ? 0.0 : (s > 1 ? 1.0 : s);
  }

  private void requireLength(double[] x, int dim) {
    if (x.length != dim) {
      throw new IllegalArgumentException("feature '" + name + "' had vectors of length " + dim
          + " at fit but a pair has one of length " + x.length
          + "; give vectors of the fitted length");
    }
  }
}
