package org.mlem.core.sim;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A synthetic MLEM dataset: n stimuli with ids, F feature columns, an n x dims representation
 * per stimulus and, when the generator knows it, the ground-truth metric W*.
 *
 * <p>{@code representations} is row-major float32: stimulus i occupies
 * {@code [i * dims, (i + 1) * dims)}. {@code trueWeights} is the F x F symmetric positive
 * definite W* with unit Frobenius norm (rows and columns in the order of {@code features}), or
 * null when unknown. The arrays are not copied (a paper-scale dataset holds millions of values):
 * callers must not modify them. The lists are copied and unmodifiable.
 *
 * @param ids one unique, non-null id per stimulus; n = ids.size() >= 1
 * @param features the feature columns, at least one, each with n rows and a unique name
 * @param representations n * dims finite float values, row-major
 * @param dims the representation length per stimulus, >= 1
 * @param trueWeights F x F ground-truth weights, or null
 * @param description a human-readable account of how the data was generated (never null)
 */
public record SyntheticDataset(
    List<String> ids,
    List<SyntheticColumn> features,
    float[] representations,
    int dims,
    double[][] trueWeights,
    String description) {

  /** Validates every shape against n, F and dims; see the record description. */
  public SyntheticDataset {
    if (ids == null || ids.isEmpty()) {
      throw new IllegalArgumentException("ids must hold at least one stimulus, found "
          + (ids == null ? "null" : "none"));
    }
    ids = List.copyOf(ids); // also rejects null ids
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException("ids must be unique, found duplicate " + id);
      }
    }
    int n = ids.size();
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException("features must hold at least one column, found "
          + (features == null ? "null" : "none"));
    }
    features = List.copyOf(features);
    Set<String> names = new HashSet<>();
    for (SyntheticColumn column : features) {
      if (column.size() != n) {
        throw new IllegalArgumentException("feature " + column.name() + " must have " + n
            + " rows (one per id), found " + column.size());
      }
      if (!names.add(column.name())) {
        throw new IllegalArgumentException(
            "feature names must be unique, found duplicate " + column.name());
      }
    }
    if (dims < 1) {
      throw new IllegalArgumentException("dims must be >= 1, found " + dims);
    }
    if (representations == null || (long) n * dims != representations.length) {
      throw new IllegalArgumentException("representations must hold n * dims = " + n + " * "
          + dims + " = " + (long) n * dims + " values, found "
          + (representations == null ? "null" : representations.length));
    }
    for (int k = 0; k < representations.length; k++) {
      if (!Float.isFinite(representations[k])) {
        throw new IllegalArgumentException("representations must be finite, found "
            + representations[k] + " for stimulus " + ids.get(k / dims) + " column " + k % dims);
      }
    }
    if (trueWeights != null) {
      int f = features.size();
      if (trueWeights.length != f) {
        throw new IllegalArgumentException("trueWeights must be " + f + " x " + f
            + " (one row per feature), found " + trueWeights.length + " rows");
      }
      for (int a = 0; a < f; a++) {
        if (trueWeights[a] == null || trueWeights[a].length != f) {
          throw new IllegalArgumentException("trueWeights must be " + f + " x " + f + ", found row "
              + a + " of length " + (trueWeights[a] == null ? "null" : trueWeights[a].length));
        }
      }
    }
    if (description == null) {
      throw new IllegalArgumentException("description must not be null");
    }
  }

  /** The number of stimuli n. */
  public int size() {
    return ids.size();
  }

  /** Equal when every component, including all array contents, is equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SyntheticDataset d
        && dims == d.dims
        && ids.equals(d.ids)
        && features.equals(d.features)
        && Arrays.equals(representations, d.representations)
        && Arrays.deepEquals(trueWeights, d.trueWeights)
        && description.equals(d.description);
  }

  @Override
  public int hashCode() {
    int h = ids.hashCode();
    h = 31 * h + features.hashCode();
    h = 31 * h + Arrays.hashCode(representations);
    h = 31 * h + dims;
    h = 31 * h + Arrays.deepHashCode(trueWeights);
    return 31 * h + description.hashCode();
  }

  @Override
  public String toString() {
    return "SyntheticDataset[n=" + size() + ", features=" + features.size() + ", dims=" + dims
        + ", trueWeights=" + (trueWeights != null) + ", description=" + description + "]";
  }
}
