package org.mlem.core.features;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The per-kind encodings of one raw column, used by {@link FeatureSchema#encode}. */
final class FeatureEncoding {
  private FeatureEncoding() {}

  /** Flattened min-max scaled vectors (n x dim), missing flags, and whether all rows are equal. */
  record ScaledVectors(double[] flat, boolean[] missing, int dim, boolean constant) {}

  /**
   * Category codes 0..k-1 in order of first appearance, -1 = missing. Strings compare by equality;
   * numbers by value (-0.0 equals 0.0); booleans are 0/1.
   */
  static int[] categoryCodes(FeatureColumn column) {
    int n;
    int[] codes;
    switch (column.type) {
      case STRINGS -> {
        n = column.strings.length;
        codes = new int[n];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
          String s = column.strings[i];
          codes[i] = s == null ? -1 : index.computeIfAbsent(s, k -> index.size());
        }
      }
      case BOOLEANS, NUMBERS -> {
        n = column.numbers.length;
        codes = new int[n];
        Map<Double, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
          double x = column.numbers[i];
          // x + 0.0 maps -0.0 to 0.0, so both are one category.
          codes[i] = Double.isNaN(x) ? -1 : index.computeIfAbsent(x + 0.0, k -> index.size());
        }
      }
      default ->
          throw new IllegalArgumentException(
              "feature '" + column.name + "' is " + column.typeDescription()
                  + "; kind CATEGORICAL needs a string, boolean or numeric column");
    }
    return codes;
  }

  /** The number of distinct non-missing codes (codes are 0..k-1). */
  static int distinctCodes(int[] codes) {
    int max = -1;
    for (int c : codes) {
      max = Math.max(max, c);
    }
    return max + 1;
  }

  /**
   * Values min-max scaled to [0, 1] over all stimuli, NaN = missing; null when the feature is
   * constant (all non-missing values equal, or all missing).
   */
  static double[] minMaxScaled(FeatureColumn column, List<String> ids) {
    double[] raw;
    switch (column.type) {
      case BOOLEANS, NUMBERS -> raw = column.numbers;
      case STRINGS -> raw = parseNumbers(column, ids);
      default ->
          throw new IllegalArgumentException(
              "feature '" + column.name + "' is " + column.typeDescription()
                  + "; kind ORDINAL needs a numeric, boolean or numeric-string column");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : raw) {
      if (!Double.isNaN(x)) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (!(max > min)) {
      return null;
    }
    double range = max - min;
    double[] scaled = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      scaled[i] = (raw[i] - min) / range;
    }
    return scaled;
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

  /** Min-max scales each component of a vector column over its non-missing rows. */
  static ScaledVectors scaledVectors(FeatureColumn column) {
    if (column.type != FeatureColumn.ValueType.VECTORS) {
      throw new IllegalArgumentException(
          "feature '" + column.name + "' is " + column.typeDescription()
              + "; kind VECTOR needs a vector column");
    }
    double[][] rows = column.vectors;
    int n = rows.length;
    int dim = 0;
    for (double[] row : rows) {
      if (row != null) {
        dim = row.length;
        break;
      }
    }
    boolean[] missing = new boolean[n];
    double[] min = new double[dim];
    double[] max = new double[dim];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      if (rows[i] == null) {
        missing[i] = true;
        continue;
      }
      for (int c = 0; c < dim; c++) {
        min[c] = Math.min(min[c], rows[i][c]);
        max[c] = Math.max(max[c], rows[i][c]);
      }
    }
    boolean constant = true;
    double[] flat = new double[n * dim];
    for (int c = 0; c < dim; c++) {
      double range = max[c] - min[c];
      if (!(range > 0)) {
        continue; // constant component: scaled to 0, contributes nothing
      }
      constant = false;
      for (int i = 0; i < n; i++) {
        if (!missing[i]) {
          flat[i * dim + c] = (rows[i][c] - min[c]) / range;
        }
      }
    }
    return new ScaledVectors(flat, missing, Math.max(dim, 1), constant);
  }
}
