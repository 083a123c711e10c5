package org.mlem.core.features;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The per-kind fitting and encoding of one raw column, used by {@link FeatureSchema#fit} and
 * {@link FeatureEncoder#encode}.
 */
final class FeatureEncoding {
  private FeatureEncoding() {}

  /**
   * What fitting one column gave: the fitted feature, and whether the column is constant (all
   * non-missing values equal, or all missing), which {@link FeatureSchema#fit} refuses.
   *
   * @param feature the fitted feature, null only for a constant column
   * @param constant whether every pair would have distance 0
   */
  record Fit(FittedFeature feature, boolean constant) {}

  /** Fits one column as the given kind: categories seen, or the minimum and maximum. */
  static Fit fit(FeatureColumn column, FeatureKind kind, List<String> ids,
      double missingDistance) {
    FeatureValueType type = FeatureValueType.of(column.type);
    switch (kind) {
      case CATEGORICAL, SIMPLEX -> {
        String[] keys = categoryKeys(column);
        TreeSet<String> seen = new TreeSet<>();
        for (String key : keys) {
          if (key != null) {
            seen.add(key);
          }
        }
        if (seen.size() <= 1 && kind == FeatureKind.SIMPLEX) {
          return new Fit(null, true);
        }
        FittedFeature f = FittedFeature.of(column.name, type, kind, new ArrayList<>(seen),
            new double[0], new double[0], missingDistance);
        return new Fit(f, seen.size() <= 1);
      }
      case ORDINAL -> {
        double[] raw = ordinalValues(column, ids);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : raw) {
          if (!Double.isNaN(x)) {
            min = Math.min(min, x);
            max = Math.max(max, x);
          }
        }
        FittedFeature f = FittedFeature.of(column.name, type, kind, List.of(),
            new double[] {min}, new double[] {max}, missingDistance);
        return new Fit(f, !(max > min));
      }
      default -> {
        double[][] rows = vectorRows(column);
        int dim = 0;
        for (double[] row : rows) {
          if (row != null) {
            dim = row.length;
            break;
          }
        }
        if (dim == 0) {
          return new Fit(null, true);
        }
        double[] min = new double[dim];
        double[] max = new double[dim];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : rows) {
          if (row == null) {
            continue;
          }
          for (int c = 0; c < dim; c++) {
            min[c] = Math.min(min[c], row[c]);
            max[c] = Math.max(max[c], row[c]);
          }
        }
        boolean constant = true;
        for (int c = 0; c < dim; c++) {
          if (max[c] - min[c] > 0) {
            constant = false;
          }
        }
        return new Fit(FittedFeature.of(column.name, type, kind, List.of(), min, max,
            missingDistance), constant);
      }
    }
  }

  /**
   * Category codes of a column with a fitted feature's categories: the index of the value in
   * {@link FittedFeature#categories()}, -1 = missing; a value not seen at fit gets a code of its
   * own ({@code k + row}), so it differs from every other stimulus, as
   * {@link FittedFeature#distance} has it.
   */
  static int[] categoryCodes(FittedFeature feature, FeatureColumn column) {
    String[] keys = categoryKeys(column);
    int k = feature.categories().size();
    int[] codes = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == null) {
        codes[i] = -1;
      } else {
        int code = feature.categoryCode(keys[i]);
        codes[i] = code >= 0 ? code : k + i;
      }
    }
    return codes;
  }

  /** Values min-max scaled with the fitted range and clamped to [0, 1], NaN = missing. */
  static double[] scaledValues(FittedFeature feature, FeatureColumn column, List<String> ids) {
    double[] raw = ordinalValues(column, ids);
    double[] scaled = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      scaled[i] = Double.isNaN(raw[i]) ? Double.NaN : feature.scaled(raw[i], 0);
    }
    return scaled;
  }

  /** Each component min-max scaled with the fitted ranges, flattened (n x dim). */
  static ScaledVectors scaledVectors(FittedFeature feature, FeatureColumn column) {
    double[][] rows = vectorRows(column);
    int dim = feature.dim();
    int n = rows.length;
    boolean[] missing = new boolean[n];
    double[] flat = new double[n * dim];
    for (int i = 0; i < n; i++) {
      if (rows[i] == null) {
        missing[i] = true;
        continue;
      }
      feature.requireLength(rows[i], dim);
      for (int c = 0; c < dim; c++) {
        flat[i * dim + c] = feature.scaled(rows[i][c], c);
      }
    }
    return new ScaledVectors(flat, missing, dim);
  }

  /** Flattened scaled vectors (n x dim) and missing flags. */
  record ScaledVectors(double[] flat, boolean[] missing, int dim) {}

  /**
   * The category key of each row ({@link FittedFeature#categoryKey}), null = missing. Strings
   * compare by equality; numbers by value (-0.0 equals 0.0); booleans as "true" / "false".
   */
  private static String[] categoryKeys(FeatureColumn column) {
    int n;
    String[] keys;
    switch (column.type) {
      case STRINGS -> keys = column.strings.clone();
      case BOOLEANS -> {
        n = column.numbers.length;
        keys = new String[n];
        for (int i = 0; i < n; i++) {
          double x = column.numbers[i];
          keys[i] = Double.isNaN(x) ? null : Boolean.toString(x == 1.0);
        }
      }
      case NUMBERS -> {
        n = column.numbers.length;
        keys = new String[n];
        for (int i = 0; i < n; i++) {
          double x = column.numbers[i];
          keys[i] = Double.isNaN(x) ? null : FittedFeature.categoryKey(x);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "feature '" + column.name + "' is " + column.typeDescription()
                  + "; kinds CATEGORICAL and SIMPLEX need a string, boolean or numeric column");
    }
    return keys;
  }

  /** The raw numbers of an ORDINAL column, NaN = missing. */
  private static double[] ordinalValues(FeatureColumn column, List<String> ids) {
    return switch (column.type) {
      case BOOLEANS, NUMBERS -> column.numbers;
      case STRINGS -> parseNumbers(column, ids);
      default ->
          throw new IllegalArgumentException(
              "feature '" + column.name + "' is " + column.typeDescription()
                  + "; kind ORDINAL needs a numeric, boolean or numeric-string column");
    };
  }

  private static double[][] vectorRows(FeatureColumn column) {
    if (column.type != FeatureColumn.ValueType.VECTORS) {
      throw new IllegalArgumentException(
          "feature '" + column.name + "' is " + column.typeDescription()
              + "; kind VECTOR needs a vector column");
    }
    return column.vectors;
  }

  private static double[] parseNumbers(FeatureColumn column, List<String> ids) {
    double[] parsed = new double[column.strings.length];
    for (int i = 0; i < parsed.length; i++) {
      String s = column.strings[i];
      if (s == null) {
        parsed[i] = Double.NaN;
        continue;
      }
      double x;
      try {
        x = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        x = Double.NaN;
      }
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(
            "feature '" + column.name + "' is declared ORDINAL but stimulus '" + ids.get(i)
                + "' (row " + i + ") has the value '" + s
                + "', which is not a finite number; declare it CATEGORICAL or fix the value");
      }
      parsed[i] = x;
    }
    return parsed;
  }
}
