package org.mlem.core.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.core.distance.Representations;

/** Messages for stimulus-id mismatches between the feature table and the neural data. */
final class StimulusIds {
  private static final int EXAMPLES = 5;

  private StimulusIds() {}

  /**
   * The representations in the given id order: as they are when the orders already agree,
   * reordered when the two sides hold the same ids, an error listing examples otherwise.
   */
  static Representations align(Representations reps, List<String> ids) {
    if (reps.ids().equals(ids)) {
      return reps;
    }
    if (reps.size() != ids.size() || !new HashSet<>(reps.ids()).equals(new HashSet<>(ids))) {
      throw new IllegalArgumentException(mismatch(ids, reps.ids()));
    }
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < reps.size(); i++) {
      row.put(reps.ids().get(i), i);
    }
    int dims = reps.dims();
    float[] source = reps.data();
    float[] data = new float[source.length];
    for (int i = 0; i < ids.size(); i++) {
      System.arraycopy(source, row.get(ids.get(i)) * dims, data, i * dims, dims);
    }
    return Representations.of(ids, data, dims);
  }

  /** Describes how two id lists differ: counts, and examples of ids on one side only. */
  static String mismatch(List<String> features, List<String> neural) {
    Set<String> f = new HashSet<>(features);
    Set<String> r = new HashSet<>(neural);
    List<String> onlyFeatures = new ArrayList<>();
    for (String id : features) {
      if (!r.contains(id) && onlyFeatures.size() < EXAMPLES) {
        onlyFeatures.add(id);
      }
    }
    List<String> onlyNeural = new ArrayList<>();
    for (String id : neural) {
      if (!f.contains(id) && onlyNeural.size() < EXAMPLES) {
        onlyNeural.add(id);
      }
    }
    StringBuilder sb = new StringBuilder("features has ").append(features.size())
        .append(" stimuli but the representations have ").append(neural.size());
    if (!onlyFeatures.isEmpty()) {
      sb.append("; ids only in the features: ").append(String.join(", ", onlyFeatures));
    }
    if (!onlyNeural.isEmpty()) {
      sb.append("; ids only in the representations: ").append(String.join(", ", onlyNeural));
    }
    if (onlyFeatures.isEmpty() && onlyNeural.isEmpty()) {
      sb.append("; check for duplicate ids");
    }
    return sb.toString();
  }
}
