package org.mlem.core.features;

import java.util.Locale;

/**
 * How a feature's per-pair distance is computed (docs/method.md section 1); every distance lies in
 * [0, 1].
 */
public enum FeatureKind {
  /** Nominal: delta = 1 if the two values differ, else 0. Default for string and boolean columns. */
  CATEGORICAL,
  /**
   * Ordinal/numeric: min-max scaled over all stimuli of the table, delta = |x~_i - x~_j|. Default
   * for numeric columns.
   */
  ORDINAL,
  /**
   * Multi-dimensional: each component min-max scaled, delta = Euclidean distance / sqrt(dim). Only
   * for vector columns.
   */
  VECTOR;

  /**
   * Parses a kind name, case-insensitively, ignoring surrounding blanks.
   *
   * @param text "categorical", "ordinal" (or its synonym "numeric") or "vector"
   * @return the kind
   * @throws IllegalArgumentException if the name is unknown; the message lists the accepted names
   */
  public static FeatureKind parse(String text) {
    String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "categorical" -> CATEGORICAL;
      case "ordinal", "numeric" -> ORDINAL;
      case "vector" -> VECTOR;
      default ->
          throw new IllegalArgumentException(
              "feature kind must be one of categorical, ordinal (or numeric), vector, found "
                  + (text == null ? "null" : "'" + text + "'"));
    };
  }
}
