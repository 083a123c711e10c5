package org.mlem.core.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which components of the feature-distance vector delta belong to which feature
 * (docs/method.md section 1): a feature is one component, except a {@link FeatureKind#SIMPLEX}
 * feature of C levels, which is C - 1 (its signed coordinate differences). W, the pair
 * sources and term-level importance work on components; stimulus-level importance, the
 * feature summary and the report group them back into features with this layout. Components
 * of one feature are contiguous, in feature order. Immutable and serializable.
 */
public final class FeatureLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> featureNames;
  private final List<String> componentNames;
  /** starts[f] = first component of feature f; starts[F] = component count. */
  private final int[] starts;

  private FeatureLayout(List<String> featureNames, List<String> componentNames, int[] starts) {
    this.featureNames = featureNames;
    this.componentNames = componentNames;
    this.starts = starts;
  }

  /**
   * A layout from each feature's component names.
   *
   * @param featureNames F &gt;= 1 unique names
   * @param components per feature, its component names (at least one), in order
   * @return the layout
   * @throws IllegalArgumentException if the shapes differ, a feature has no component, or two
   *     features or two components share a name
   */
  public static FeatureLayout of(List<String> featureNames, List<List<String>> components) {
    List<String> names = List.copyOf(featureNames);
    if (names.isEmpty() || names.size() != components.size()) {
      throw new IllegalArgumentException("a feature layout needs one component list per "
          + "feature and at least one feature, found " + names.size() + " features and "
          + components.size() + " component lists");
    }
    int[] starts = new int[names.size() + 1];
    List<String> all = new ArrayList<>();
    for (int f = 0; f < names.size(); f++) {
      List<String> own = components.get(f);
      if (own.isEmpty()) {
        throw new IllegalArgumentException("feature '" + names.get(f) + "' has no component");
      }
      starts[f] = all.size();
      all.addAll(own);
    }
    starts[names.size()] = all.size();
    requireUnique("feature", names);
    requireUnique("delta component", all);
    return new FeatureLayout(names, List.copyOf(all), starts);
  }

  /**
   * The layout where every feature is one component of the same name.
   *
   * @param featureNames F &gt;= 1 unique names
   * @return the layout
   */
  public static FeatureLayout ungrouped(List<String> featureNames) {
    List<List<String>> components = new ArrayList<>();
    featureNames.forEach(n -> components.add(List.of(n)));
    return of(featureNames, components);
  }

  private static void requireUnique(String what, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException("two " + what + "s are named '" + n + "'; a simplex "
            + "feature f names its coordinates f[1], f[2], ...: rename the column that clashes");
      }
    }
  }

  /** The number of features F. */
  public int featureCount() {
    return featureNames.size();
  }

  /** The number of delta components (W's size), at least F. */
  public int componentCount() {
    return componentNames.size();
  }

  /** The feature names, in feature order; immutable. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The component names, in delta (W) order; immutable. */
  public List<String> componentNames() {
    return componentNames;
  }

  /** The first component of feature {@code feature}. */
  public int start(int feature) {
    return starts[feature];
  }

  /** The number of components of feature {@code feature}, &gt;= 1. */
  public int width(int feature) {
    return starts[feature + 1] - starts[feature];
  }

  /** The feature component {@code component} belongs to. */
  public int featureOf(int component) {
    Objects.checkIndex(component, componentCount());
    int at = Arrays.binarySearch(starts, component);
    return at >= 0 ? at : -at - 2;
  }

  /** Whether every feature is exactly one component. */
  public boolean ungrouped() {
    return componentCount() == featureCount();
  }

  /** The start of every feature plus the component count at the end (F + 1 values), a copy. */
  public int[] starts() {
    return starts.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureLayout l && featureNames.equals(l.featureNames)
        && componentNames.equals(l.componentNames) && Arrays.equals(starts, l.starts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, componentNames, Arrays.hashCode(starts));
  }

  @Override
  public String toString() {
    return "FeatureLayout" + featureNames + " -> " + componentNames;
  }
}
