package org.mlem.core.distance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of stimulus id lists shared by this package's types. */
final class StimulusIds {
  private static final int MAX_EXAMPLES = 5;

  private StimulusIds() {}

  /**
   * Checks ids are non-null, non-empty and unique, and returns an immutable copy.
   *
   * @param what the name used in messages, e.g. "representations"
   * @param ids the ids
   * @return an immutable (serializable) copy
   */
  static List<String> validated(String what, List<String> ids) {
    if (ids == null) {
      throw new IllegalArgumentException(what + ": ids must not be null");
    }
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException(
            what + ": stimulus id at row " + i + " must be a non-empty string, found "
                + (id == null ? "null" : "\"\""));
      }
      if (!seen.add(id) && duplicates.size() < MAX_EXAMPLES && !duplicates.contains(id)) {
        duplicates.add(id);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException(
          what + ": stimulus ids must be unique, found duplicates: " + String.join(", ", duplicates));
    }
    return List.copyOf(ids);
  }
}
