package org.mlem.core.features;

import java.util.Locale;

/**
 * How a feature's per-pair distance is computed (docs/method.md section 1); every distance lies in
 * [0, 1] (a SIMPLEX feature's coordinate differences lie in [-1, 1], their Euclidean length in
 * [0, 1]).
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
  VECTOR,
  /**
   * Nominal, as C - 1 signed coordinates: level j of a C-level feature is vertex j of a regular
   * unit simplex ({@link SimplexCoordinates}); a pair's delta has C - 1 components, the
   * coordinate differences (length 1 for distinct levels, 0 for equal ones), so W over them can
   * say which levels are far apart. Never inferred; declare it (string, boolean or numeric
   * columns).
   */
  SIMPLEX;

  /**
   * Parses a kind name, case-insensitively, ignoring surrounding blanks.
   *
   * @param text "categorical", "ordinal" (or its synonym "numeric"), "vector" or "simplex"
   * @return the kind
   * @throws IllegalArgumentException if the name is unknown; the message lists the accepted names
   */
  public static FeatureKind parse(String text) {
    String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "categorical" -> CATEGORICAL;
      case "ordinal", "numeric" -> ORDINAL;
      case "vector" -> VECTOR;
      case "simplex" -> SIMPLEX;
      default ->
          throw new IllegalArgumentException(
              "feature kind must be one of categorical, ordinal (or numeric), vector, simplex, found "
                  + (text == null ? "null" : "'" + text + "'"));
    };
  }
}
