package org.mlem.core.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one feature was encoded at fit (docs/method.md section 1), kept so NEW values are encoded
 * with the fitted ranges: the categories seen (CATEGORICAL), the minimum and maximum (ORDINAL:
 * one value; VECTOR: one per component), and the missing distance. {@link FeatureSchema#fit}
 * makes one per selected feature; {@link FeatureEncoder#encode} encodes a table with them, and a
 * saved model stores them to compute the feature distances of new pairs.
 *
 * <p>The distance of two values ({@link #distance}) is, as for two stimuli of the fit table:
 *
 * <ul>
 *   <li>CATEGORICAL: 0 if the two values are equal, else 1; a value not seen at fit differs from
 *       everything, itself included (1). Strings compare by equality, booleans as booleans,
 *       numbers by value (-0.0 equals 0.0).
 *   <li>ORDINAL: {@code |s(x_1) - s(x_2)|} with {@code s(x) = (x - min) / (max - min)} clamped to
 *       [0, 1] (values of the fit table are never clamped).
 *   <li>VECTOR: each component scaled the same way (a component constant at fit scales to 0),
 *       then {@code min(1, ||s(x_1) - s(x_2)|| / sqrt(dim))}.
 *   <li>SIMPLEX: the Euclidean length of its {@link #delta} components (0 for equal levels, 1
 *       for distinct or unseen ones).
 *   <li>A missing value (null, or NaN for numbers) on either side: the missing distance.
 * </ul>
 *
 * <p>A SIMPLEX feature gives C - 1 components of delta ({@link #width()}, {@link #delta}); every
 * other kind gives one, its distance.
 *
 * <p>Immutable and serializable (Spark tasks carry it).
 */
public final class FittedFeature implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final FeatureValueType valueType;
  private final FeatureKind kind;
  private final List<String> categories;
  private final double[] min;
  private final double[] max;
  private final double missingDistance;
  /** Category key to its index in {@link #categories}. */
  private final Map<String, Integer> codes;

  private FittedFeature(String name, FeatureValueType valueType, FeatureKind kind,
      List<String> categories, double[] min, double[] max, double missingDistance) {
    this.name = name;
    this.valueType = valueType;
    this.kind = kind;
    this.categories = categories;
    this.min = min;
    this.max = max;
    this.missingDistance = missingDistance;
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < categories.size(); c++) {
      index.put(categories.get(c), c);
    }
    this.codes = index;
  }

  /**
   * A fitted feature, e.g. as a saved model stored it.
   *
   * @param name the feature (column) name
   * @param valueType the type of the column's values at fit
   * @param kind the kind it was encoded as
   * @param categories CATEGORICAL, SIMPLEX (at least 2): the category keys seen at fit
   *     ({@link #categoryKey}); else empty
   * @param min ORDINAL: the fitted minimum (one value); VECTOR: one per component; else empty
   * @param max the fitted maximum, the shape of {@code min}
   * @param missingDistance the distance of a pair with a missing value, in [0, 1]
   * @return the fitted feature (the arrays and list are copied)
   * @throws IllegalArgumentException if the shapes do not fit the kind, a category repeats, or
   *     the missing distance is outside [0, 1] (naming the feature)
   */
  public static FittedFeature of(String name, FeatureValueType valueType, FeatureKind kind,
      List<String> categories, double[] min, double[] max, double missingDistance) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(kind, "kind");
    List<String> cats = List.copyOf(categories);
    double[] lo = min.clone();
    double[] hi = max.clone();
    int expected = switch (kind) {
      case CATEGORICAL, SIMPLEX -> 0;
      case ORDINAL -> 1;
      case VECTOR -> Math.max(lo.length, 1);
    };
    if (lo.length != expected || hi.length != expected) {
      throw new IllegalArgumentException("fitted feature '" + name + "' (" + kind + ") needs "
          + (kind == FeatureKind.VECTOR ? "one minimum and maximum per component"
              : expected + " minimum and maximum values")
          + ", found " + lo.length + " and " + hi.length);
    }
    if (kind != FeatureKind.CATEGORICAL && kind != FeatureKind.SIMPLEX && !cats.isEmpty()) {
      throw new IllegalArgumentException("fitted feature '" + name + "' (" + kind
          + ") has categories; only CATEGORICAL and SIMPLEX features have them");
    }
    if (kind == FeatureKind.SIMPLEX && cats.size() < 2) {
      throw new IllegalArgumentException("fitted feature '" + name + "' (SIMPLEX) needs at "
          + "least 2 categories for its C - 1 coordinates, found " + cats.size());
    }
    if (new java.util.HashSet<>(cats).size() != cats.size()) {
      throw new IllegalArgumentException("fitted feature '" + name + "' lists a category twice: "
          + cats);
    }
    if (!(missingDistance >= 0.0 && missingDistance <= 1.0)) {
      throw new IllegalArgumentException("fitted feature '" + name + "': missing distance must "
          + "be in [0, 1], found " + missingDistance);
    }
    return new FittedFeature(name, valueType, kind, cats, lo, hi, missingDistance);
  }

  /** The feature (column) name. */
  public String name() {
    return name;
  }

  /** The type of the column's values at fit. */
  public FeatureValueType valueType() {
    return valueType;
  }

  /** The kind the feature was encoded as. */
  public FeatureKind kind() {
    return kind;
  }

  /** The category keys seen at fit, sorted (CATEGORICAL, SIMPLEX), else empty; immutable. */
  public List<String> categories() {
    return categories;
  }

  /** The fitted minimum (ORDINAL: one value; VECTOR: one per component), else empty; a copy. */
  public double[] min() {
    return min.clone();
  }

  /** The fitted maximum, the shape of {@link #min()}; a copy. */
  public double[] max() {
    return max.clone();
  }

  /** The distance of a pair with a missing value, in [0, 1]. */
  public double missingDistance() {
    return missingDistance;
  }

  /** The vector length (VECTOR), else 0. */
  public int dim() {
    return kind == FeatureKind.VECTOR ? min.length : 0;
  }

  /**
   * How many components of delta this feature gives: C - 1 for a SIMPLEX feature of C levels,
   * else 1.
   *
   * @return the width, &gt;= 1
   */
  public int width() {
    return kind == FeatureKind.SIMPLEX ? categories.size() - 1 : 1;
  }

  /**
   * The names of this feature's components of delta: its name, or for a SIMPLEX feature
   * {@code name[1]}, ..., {@code name[C-1]} (coordinate k of {@link SimplexCoordinates}).
   *
   * @return an immutable list of {@link #width()} names
   */
  public List<String> componentNames() {
    if (kind != FeatureKind.SIMPLEX) {
      return List.of(name);
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int k = 1; k <= width(); k++) {
      out.add(name + "[" + k + "]");
    }
    return List.copyOf(out);
  }

  /**
   * Writes this feature's {@link #width()} components of delta for two values: for a SIMPLEX
   * feature the signed coordinate differences ({@link SimplexCoordinates#difference}); with a
   * missing value on either side every coordinate is {@code m / sqrt(C - 1)} (m the missing
   * distance, so the length is m, as a categorical feature's distance); a value not seen at fit
   * differs from everything (every coordinate {@code 1 / sqrt(C - 1)}, length 1). Any other
   * kind writes its {@link #distance}.
   *
   * @param a the first stimulus's value (see {@link #distance}); null = missing
   * @param b the second stimulus's value
   * @param out receives {@link #width()} values from {@code offset}
   * @param offset the first index written
   */
  public void delta(Object a, Object b, double[] out, int offset) {
    if (kind != FeatureKind.SIMPLEX) {
      out[offset] = distance(a, b);
      return;
    }
    int x = simplexCode(a);
    int y = simplexCode(b);
    int levels = categories.size();
    if (x == MISSING || y == MISSING) {
      java.util.Arrays.fill(out, offset, offset + levels - 1,
          missingDistance / Math.sqrt(levels - 1));
    } else if (x == UNSEEN || y == UNSEEN) {
      java.util.Arrays.fill(out, offset, offset + levels - 1, 1.0 / Math.sqrt(levels - 1));
    } else {
      SimplexCoordinates.difference(x, y, levels, out, offset);
    }
  }

  private static final int MISSING = -1;
  private static final int UNSEEN = -2;

  private int simplexCode(Object value) {
    if (value == null || value instanceof Double d && d.isNaN()) {
      return MISSING;
    }
    int code = categoryCode(value);
    return code < 0 ? UNSEEN : code;
  }

  /**
   * How a categorical value is compared: strings as they are, booleans as "true" / "false",
   * numbers by value ({@code Double.toString(x + 0.0)}, so -0.0 and 0.0 are one category).
   *
   * @param value a String, Boolean or Number, not null
   * @return its key
   */
  public static String categoryKey(Object value) {
    if (value instanceof Number n) {
      return Double.toString(n.doubleValue() + 0.0);
    }
    return value.toString();
  }

  /**
   * The index of a category in {@link #categories()}, or -1 if it was not seen at fit.
   *
   * @param value a String, Boolean or Number, not null
   * @return the code, or -1
   */
  public int categoryCode(Object value) {
    Integer code = codes.get(categoryKey(value));
    return code == null ? -1 : code;
  }

  /**
   * A number min-max scaled with the fitted range of one component and clamped to [0, 1]; 0 for
   * a component constant at fit; NaN stays NaN.
   *
   * @param x the value
   * @param component 0 for ORDINAL, else the vector component
   * @return the scaled value
   */
  public double scaled(double x, int component) {
    double range = max[component] - min[component];
    if (!(range > 0)) {
      return 0.0;
    }
    double s = (x - min[component]) / range;
    return s < 0 ? 0.0 : (s > 1 ? 1.0 : s);
  }

  /**
   * The feature distance of two values, in [0, 1] (see the class comment).
   *
   * @param a the first stimulus's value: a String, Boolean, Number or double[]; null = missing
   * @param b the second stimulus's value, same type
   * @return delta_f of the pair
   * @throws IllegalArgumentException if a vector has another length than at fit, or an ORDINAL
   *     value is a string that is not a number (naming the feature)
   */
  public double distance(Object a, Object b) {
    if (a == null || b == null) {
      return missingDistance;
    }
    switch (kind) {
      case SIMPLEX -> {
        double[] d = new double[width()];
        delta(a, b, d, 0);
        double sum = 0;
        for (double v : d) {
          sum += v * v;
        }
        return Math.min(1.0, Math.sqrt(sum));
      }
      case CATEGORICAL -> {
        if (a instanceof Double x && x.isNaN() || b instanceof Double y && y.isNaN()) {
          return missingDistance;
        }
        int x = categoryCode(a);
        int y = categoryCode(b);
        return x < 0 || y < 0 ? 1.0 : (x == y ? 0.0 : 1.0);
      }
      case ORDINAL -> {
        double x = number(a);
        double y = number(b);
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

  private double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    String s = value.toString();
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("feature '" + name + "' is ORDINAL but a value is '"
          + s + "', which is not a number; give numbers", e);
    }
  }

  void requireLength(double[] x, int dim) {
    if (x.length != dim) {
      throw new IllegalArgumentException("feature '" + name + "' had vectors of length " + dim
          + " at fit but a value has length " + x.length
          + "; give vectors of the fitted length");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FittedFeature f && name.equals(f.name) && valueType == f.valueType
        && kind == f.kind && categories.equals(f.categories) && Arrays.equals(min, f.min)
        && Arrays.equals(max, f.max)
        && Double.compare(missingDistance, f.missingDistance) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, valueType, kind, categories, Arrays.hashCode(min),
        Arrays.hashCode(max), missingDistance);
  }

  @Override
  public String toString() {
    return "FittedFeature[" + name + ", " + valueType.label() + ", " + kind
        + (kind == FeatureKind.CATEGORICAL || kind == FeatureKind.SIMPLEX
            ? ", categories " + categories
            : ", min " + Arrays.toString(min) + ", max " + Arrays.toString(max))
        + ", missing distance " + missingDistance + "]";
  }
}
