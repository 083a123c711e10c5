package org.mlem.core.features;

import java.io.Serializable;

/**
 * One raw feature column of a {@link FeatureTable}: its name, the type of its values and the
 * values themselves (exactly one of the arrays is set). Immutable once built (arrays are private
 * copies never exposed).
 */
final class FeatureColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The type of values a column holds, which fixes its inferred kind and allowed kinds. */
  enum ValueType {
    /** Strings, null = missing. */
    STRINGS,
    /** Booleans stored as 0/1 in {@code numbers}, NaN = missing. */
    BOOLEANS,
    /** Finite doubles, NaN = missing. */
    NUMBERS,
    /** Finite vectors of one common length, null row = missing. */
    VECTORS
  }

  final String name;
  final ValueType type;
  final String[] strings;
  final double[] numbers;
  final double[][] vectors;

  private FeatureColumn(
      String name, ValueType type, String[] strings, double[] numbers, double[][] vectors) {
    this.name = name;
    this.type = type;
    this.strings = strings;
    this.numbers = numbers;
    this.vectors = vectors;
  }

  static FeatureColumn ofStrings(String name, String[] values) {
    return new FeatureColumn(name, ValueType.STRINGS, values, null, null);
  }

  static FeatureColumn ofNumbers(String name, ValueType type, double[] values) {
    return new FeatureColumn(name, type, null, values, null);
  }

  static FeatureColumn ofVectors(String name, double[][] values) {
    return new FeatureColumn(name, ValueType.VECTORS, null, null, values);
  }

  /** This column at the given rows, in their order (values shared, never modified). */
  FeatureColumn rows(int[] rows) {
    String[] s = strings == null ? null : new String[rows.length];
    double[] x = numbers == null ? null : new double[rows.length];
    double[][] v = vectors == null ? null : new double[rows.length][];
    for (int k = 0; k < rows.length; k++) {
      if (s != null) {
        s[k] = strings[rows[k]];
      }
      if (x != null) {
        x[k] = numbers[rows[k]];
      }
      if (v != null) {
        v[k] = vectors[rows[k]];
      }
    }
    return new FeatureColumn(name, type, s, x, v);
  }

  FeatureKind inferredKind() {
    return switch (type) {
      case STRINGS, BOOLEANS -> FeatureKind.CATEGORICAL;
      case NUMBERS -> FeatureKind.ORDINAL;
      case VECTORS -> FeatureKind.VECTOR;
    };
  }

  /** The number of missing values (null, or NaN for numbers and booleans). */
  int missingCount() {
    int missing = 0;
    switch (type) {
      case STRINGS -> {
        for (String s : strings) {
          missing += s == null ? 1 : 0;
        }
      }
      case BOOLEANS, NUMBERS -> {
        for (double x : numbers) {
          missing += Double.isNaN(x) ? 1 : 0;
        }
      }
      case VECTORS -> {
        for (double[] v : vectors) {
          missing += v == null ? 1 : 0;
        }
      }
    }
    return missing;
  }

  String typeDescription() {
    return switch (type) {
      case STRINGS -> "a string column";
      case BOOLEANS -> "a boolean column";
      case NUMBERS -> "a numeric column";
      case VECTORS -> "a vector column";
    };
  }
}
