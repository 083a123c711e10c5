package org.mlem.core.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fitted encoding of every selected feature, in encoding order (docs/method.md section 1):
 * what {@link FeatureSchema#fit} learns from a table (categories seen, minimum and maximum), so
 * that the same table, another table of the same columns, or new values of a pair are encoded
 * with the FITTED ranges. {@link FeatureSchema#encode} is {@code fit(table).encode(table)}; a
 * saved model keeps the {@link #features()} to compute the feature distances of new pairs.
 * Immutable and serializable.
 */
public final class FeatureEncoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<FittedFeature> features;
  /** The names whose kind was declared rather than inferred (for the summary). */
  private final java.util.Set<String> declared;

  private FeatureEncoder(List<FittedFeature> features, java.util.Set<String> declared) {
    this.features = features;
    this.declared = declared;
  }

  /**
   * An encoder from fitted features, e.g. as a saved model stored them. Its
   * {@linkplain #summary summary} reports every kind as inferred (a saved model does not record
   * declarations; the MLlib estimator always infers).
   *
   * @param features at least one, names unique, in encoding order
   * @return the encoder
   * @throws IllegalArgumentException if the list is empty or repeats a name
   */
  public static FeatureEncoder of(List<FittedFeature> features) {
    return of(features, java.util.Set.of());
  }

  static FeatureEncoder of(List<FittedFeature> features, java.util.Set<String> declared) {
    List<FittedFeature> copy = List.copyOf(features);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a feature encoder needs at least 1 feature, found none");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (FittedFeature f : copy) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("a feature encoder must not repeat a feature, found '"
            + f.name() + "' twice");
      }
    }
    return new FeatureEncoder(copy, java.util.Set.copyOf(declared));
  }

  /**
   * The fitted features, in encoding order.
   *
   * @return an immutable list of F features
   */
  public List<FittedFeature> features() {
    return features;
  }

  /**
   * The feature names, in encoding order.
   *
   * @return an immutable list of F names
   */
  public List<String> names() {
    List<String> names = new ArrayList<>(features.size());
    features.forEach(f -> names.add(f.name()));
    return List.copyOf(names);
  }

  /**
   * The components of delta each feature gives (one, or C - 1 for a SIMPLEX feature), named as
   * the encoded features name them.
   *
   * @return the layout
   * @throws IllegalArgumentException if a SIMPLEX coordinate's name clashes with another
   *     feature's name
   */
  public FeatureLayout layout() {
    List<List<String>> components = new ArrayList<>();
    features.forEach(f -> components.add(f.componentNames()));
    return FeatureLayout.of(names(), components);
  }

  /**
   * Encodes a table with the fitted ranges: ordinal values and vector components scaled with the
   * fitted minimum and maximum (clamped to [0, 1]); a category not seen at fit differs from
   * every other stimulus. For the fit table this is exactly what the fit saw.
   *
   * @param table a table with a column of the fitted type for every fitted feature
   * @return the encoded features, in this encoder's order
   * @throws IllegalArgumentException if a feature is missing (listing the available ones), has
   *     another value type than at fit, or a vector another length (naming the feature)
   */
  public EncodedFeatures encode(FeatureTable table) {
    Objects.requireNonNull(table, "table");
    int count = features.size();
    FeatureKind[] kinds = new FeatureKind[count];
    int[][] codes = new int[count][];
    double[][] values = new double[count][];
    boolean[][] missing = new boolean[count][];
    int[] dims = new int[count];
    double missingDistance = features.get(0).missingDistance();
    for (int f = 0; f < count; f++) {
      FittedFeature feature = features.get(f);
      if (!table.featureNames().contains(feature.name())) {
        throw new IllegalArgumentException("the table has no feature '" + feature.name()
            + "', which was fitted; available features: "
            + String.join(", ", table.featureNames()));
      }
      FeatureColumn column = table.column(feature.name());
      FeatureValueType type = FeatureValueType.of(column.type);
      if (type != feature.valueType()) {
        throw new IllegalArgumentException("feature '" + feature.name() + "' was a "
            + feature.valueType().label() + " column at fit but is " + column.typeDescription()
            + " here; give values of the fitted type");
      }
      if (feature.missingDistance() != missingDistance) {
        throw new IllegalArgumentException("feature '" + feature.name() + "' has missing "
            + "distance " + feature.missingDistance() + " but '" + features.get(0).name()
            + "' has " + missingDistance + "; one table is encoded with one missing distance");
      }
      kinds[f] = feature.kind();
      switch (feature.kind()) {
        case CATEGORICAL -> codes[f] = FeatureEncoding.categoryCodes(feature, column);
        case SIMPLEX -> {
          codes[f] = FeatureEncoding.categoryCodes(feature, column);
          dims[f] = feature.categories().size();
        }
        case ORDINAL -> values[f] = FeatureEncoding.scaledValues(feature, column, table.ids());
        case VECTOR -> {
          FeatureEncoding.ScaledVectors v = FeatureEncoding.scaledVectors(feature, column);
          values[f] = v.flat();
          missing[f] = v.missing();
          dims[f] = v.dim();
        }
      }
    }
    return new EncodedFeatures(table.ids(), layout(), kinds, missingDistance, codes, values,
        missing, dims, summary(table));
  }

  /**
   * Summarizes a table's features as this encoder encodes them: kind (declared or inferred),
   * levels or fitted range, missing count (see {@link FeatureSummary}).
   *
   * @param table a table with every fitted feature
   * @return one entry per feature, in encoding order
   */
  public FeatureSummary summary(FeatureTable table) {
    List<FeatureSummary.Entry> entries = new ArrayList<>();
    for (FittedFeature feature : features) {
      entries.add(new FeatureSummary.Entry(feature, declared.contains(feature.name()),
          table.column(feature.name()).missingCount(), table.size()));
    }
    return new FeatureSummary(entries);
  }

  /**
   * Writes the components of delta of one pair of NEW values: feature f's
   * {@link FittedFeature#delta} of {@code first[f]} and {@code second[f]} (its distance, or a
   * SIMPLEX feature's C - 1 coordinate differences), in {@link #layout()} order.
   *
   * @param first the first stimulus's values in encoding order (String, Boolean, Number or
   *     double[]; null = missing)
   * @param second the second stimulus's values
   * @param out receives {@code layout().componentCount()} values
   */
  public void delta(Object[] first, Object[] second, double[] out) {
    for (int f = 0, at = 0; f < features.size(); f++) {
      FittedFeature feature = features.get(f);
      feature.delta(first[f], second[f], out, at);
      at += feature.width();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureEncoder e && features.equals(e.features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureEncoder" + features;
  }
}
