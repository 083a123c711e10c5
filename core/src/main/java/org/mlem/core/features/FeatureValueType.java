package org.mlem.core.features;

import java.util.Locale;

/**
 * The type of the values a feature column held at fit, which a {@link FittedFeature} keeps so a
 * model can check that new values have the same type (a string column is not compared with
 * numbers). Its {@link #label()} is what saved models store.
 */
public enum FeatureValueType {
  /** Strings. */
  STRING,
  /** Booleans. */
  BOOLEAN,
  /** Numbers. */
  NUMERIC,
  /** Numeric vectors of one length. */
  VECTOR;

  /**
   * The lower-case label saved models store, e.g. {@code "numeric"}.
   *
   * @return the label
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a label written by {@link #label()}.
   *
   * @param label "string", "boolean", "numeric" or "vector"
   * @return the type
   * @throws IllegalArgumentException if the label is none of them
   */
  public static FeatureValueType parse(String label) {
    for (FeatureValueType t : values()) {
      if (t.label().equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("feature value type must be one of string, boolean, "
        + "numeric, vector, found " + (label == null ? "null" : "'" + label + "'"));
  }

  static FeatureValueType of(FeatureColumn.ValueType type) {
    return switch (type) {
      case STRINGS -> STRING;
      case BOOLEANS -> BOOLEAN;
      case NUMBERS -> NUMERIC;
      case VECTORS -> VECTOR;
    };
  }
}
