package org.mlem.core.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to encode a {@link FeatureTable} into {@link EncodedFeatures} (docs/method.md section 1): which
 * features to use and in which order (default: all, in table order), the kind of each feature
 * (default: inferred from the column type; e.g. numeric codes that are really categories can be
 * declared CATEGORICAL) and the distance used when a value is missing (default 0).
 *
 * <p>Immutable: every {@code with}/{@code select} method returns a new schema. Names are checked
 * against the table only in {@link #encode(FeatureTable)}.
 */
public final class FeatureSchema implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final FeatureSchema INFERRED = new FeatureSchema(List.of(), Map.of(), 0.0);

  private final List<String> selection;
  private final Map<String, FeatureKind> kinds;
  private final double missingDistance;

  private FeatureSchema(
      List<String> selection, Map<String, FeatureKind> kinds, double missingDistance) {
    this.selection = selection;
    this.kinds = kinds;
    this.missingDistance = missingDistance;
  }

  /**
   * The default schema: all features in table order, inferred kinds, missing distance 0.
   *
   * @return the default schema
   */
  public static FeatureSchema inferred() {
    return INFERRED;
  }

  /**
   * Uses only the given features, in this order.
   *
   * @param featureNames at least one name, no duplicates; checked against the table at encoding
   * @return a new schema
   * @throws IllegalArgumentException if the list is null, empty, or has null or duplicate names
   */
  public FeatureSchema select(List<String> featureNames) {
    if (featureNames == null || featureNames.isEmpty()) {
      throw new IllegalArgumentException(
          "feature selection must name at least 1 feature, found "
              + (featureNames == null ? "null" : "none"));
    }
    Set<String> seen = new HashSet<>();
    for (String name : featureNames) {
      if (name == null) {
        throw new IllegalArgumentException("feature selection must not contain null names");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "feature selection must not repeat a feature, found '" + name + "' twice");
      }
    }
    return new FeatureSchema(List.copyOf(featureNames), kinds, missingDistance);
  }

  /**
   * Declares the kind of one feature (replacing any earlier declaration for it).
   *
   * @param name the feature name; checked against the table at encoding
   * @param kind CATEGORICAL for string, boolean or numeric columns; ORDINAL for numeric, boolean
   *     or numeric-string columns; VECTOR only for vector columns
   * @return a new schema
   */
  public FeatureSchema withKind(String name, FeatureKind kind) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Map<String, FeatureKind> copy = new LinkedHashMap<>(kinds);
    copy.put(name, kind);
    return new FeatureSchema(selection, Collections.unmodifiableMap(copy), missingDistance);
  }

  /**
   * Sets the distance of a feature when its value is missing on either side of a pair.
   *
   * @param value in [0, 1]; default 0 (the reference behaviour)
   * @return a new schema
   * @throws IllegalArgumentException if the value is outside [0, 1]
   */
  public FeatureSchema withMissingDistance(double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException("missing distance must be in [0, 1], found " + value);
    }
    return new FeatureSchema(selection, kinds, value);
  }

  /**
   * The selected features.
   *
   * @return the selection in order, or an empty list for "all features in table order"
   */
  public List<String> selection() {
    return selection;
  }

  /**
   * The declared kinds.
   *
   * @return an unmodifiable map from feature name to declared kind (features absent use their
   *     inferred kind)
   */
  public Map<String, FeatureKind> declaredKinds() {
    return kinds;
  }

  /**
   * The distance used for missing values.
   *
   * @return a value in [0, 1]
   */
  public double missingDistance() {
    return missingDistance;
  }

  /**
   * Encodes a table: {@code fit(table).encode(table)}. Ordinal features are min-max scaled over
   * ALL stimuli of the table (not per split; the reference rescales train and test separately,
   * we don't); vector features are scaled per component.
   *
   * @param table the raw features
   * @return the encoded features
   * @throws IllegalArgumentException as {@link #fit} does
   */
  public EncodedFeatures encode(FeatureTable table) {
    return fit(table).encode(table);
  }

  /**
   * Fits the encoding of a table: for each selected feature its kind (declared or inferred), the
   * categories seen (CATEGORICAL) or the minimum and maximum over all stimuli (ORDINAL; VECTOR per
   * component), and the missing distance.
   *
   * @param table the raw features
   * @return the fitted encoder, in selection order
   * @throws IllegalArgumentException if the selection or a declared kind names an unknown feature
   *     (listing the available ones), if no feature is selected, if a kind does not fit its column
   *     (e.g. a non-numeric string declared ORDINAL, naming the stimulus and value), or if some
   *     selected features are constant (one error naming all of them)
   */
  public FeatureEncoder fit(FeatureTable table) {
    Objects.requireNonNull(table, "table");
    List<String> names = resolvedNames(table);
    List<FittedFeature> fitted = new ArrayList<>(names.size());
    List<String> constant = new ArrayList<>();
    for (String name : names) {
      FeatureColumn column = table.column(name);
      FeatureKind kind = kinds.getOrDefault(column.name, column.inferredKind());
      FeatureEncoding.Fit fit = FeatureEncoding.fit(column, kind, table.ids(), missingDistance);
      if (fit.constant()) {
        constant.add(column.name);
      } else {
        fitted.add(fit.feature());
      }
    }
    if (!constant.isEmpty()) {
      throw new IllegalArgumentException(
          "constant features (their distance is 0 for every pair): "
              + String.join(", ", constant)
              + "; remove them from the feature selection");
    }
    Set<String> declared = new HashSet<>(kinds.keySet());
    declared.retainAll(names);
    return FeatureEncoder.of(fitted, declared);
  }

  /**
   * Summarizes how a table's features are encoded (kind, declared or inferred, levels or range,
   * missing values), for the console and run.json.
   *
   * @param table the raw features
   * @return one summary per selected feature, in selection order
   * @throws IllegalArgumentException as {@link #fit} does
   */
  public FeatureSummary summarize(FeatureTable table) {
    return fit(table).summary(table);
  }

  /** The selected names (all, in table order, by default), checked against the table. */
  private List<String> resolvedNames(FeatureTable table) {
    List<String> available = table.featureNames();
    for (String name : selection) {
      requireKnown("feature selection", name, available);
    }
    for (String name : kinds.keySet()) {
      requireKnown("feature kind declaration", name, available);
    }
    List<String> names = selection.isEmpty() ? available : selection;
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "no features to encode: the feature table has no columns");
    }
    return names;
  }

  private static void requireKnown(String what, String name, List<String> available) {
    if (!available.contains(name)) {
      throw new IllegalArgumentException(
          what + " names unknown feature '" + name + "'; available features: "
              + String.join(", ", available));
    }
  }
}
