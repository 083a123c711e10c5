package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins a second input to the feature table by stimulus id (never by position): both must list
 * exactly the same ids; the feature table's order wins.
 */
final class IdAlignment {
  private IdAlignment() {}

  /**
   * For each feature row k, the row of the other input with the same id.
   *
   * @param featureIds ids of the feature table, unique, in table order
   * @param otherIds ids of the other input, unique, in its own order
   * @param other e.g. "representations"
   * @throws InputException if some ids are on one side only, listing up to 5 examples of each
   *     side and the counts
   */
  static int[] positions(List<String> featureIds, String featuresSource, List<String> otherIds,
      String other, String otherSource) {
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < otherIds.size(); i++) {
      rowOf.put(otherIds.get(i), i);
    }
    Set<String> featureSet = new HashSet<>(featureIds);
    List<String> onlyFeatures = new ArrayList<>();
    int onlyFeaturesCount = 0;
    for (String id : featureIds) {
      if (!rowOf.containsKey(id)) {
        onlyFeaturesCount++;
        if (onlyFeatures.size() < FrameColumns.MAX_EXAMPLES) {
          onlyFeatures.add(id);
        }
      }
    }
    List<String> onlyOther = new ArrayList<>();
    int onlyOtherCount = 0;
    for (String id : otherIds) {
      if (!featureSet.contains(id)) {
        onlyOtherCount++;
        if (onlyOther.size() < FrameColumns.MAX_EXAMPLES) {
          onlyOther.add(id);
        }
      }
    }
    if (onlyFeaturesCount > 0 || onlyOtherCount > 0) {
      throw new InputException("features (" + featuresSource + ") has " + featureIds.size()
          + " stimuli but " + other + " (" + otherSource + ") has " + otherIds.size()
          + "; ids in the features but not in the " + other + " (" + onlyFeaturesCount + "): "
          + examples(onlyFeatures, onlyFeaturesCount) + "; ids in the " + other
          + " but not in the features (" + onlyOtherCount + "): "
          + examples(onlyOther, onlyOtherCount)
          + "; both must list the same stimuli (ids are joined, not matched by position)");
    }
    int[] positions = new int[featureIds.size()];
    for (int k = 0; k < positions.length; k++) {
      positions[k] = rowOf.get(featureIds.get(k));
    }
    return positions;
  }

  private static String examples(List<String> ids, int count) {
    if (ids.isEmpty()) {
      return "none";
    }
    return String.join(", ", ids) + (count > ids.size() ? ", ..." : "");
  }

  /** True if the positions are 0, 1, 2, ... (nothing to reorder). */
  static boolean isIdentity(int[] positions) {
    for (int k = 0; k < positions.length; k++) {
      if (positions[k] != k) {
        return false;
      }
    }
    return true;
  }
}
