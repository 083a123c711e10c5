package org.mlem.jobs.spark;

import java.util.Arrays;
import java.util.List;

/**
 * Placeholder stimulus ids "0", "1", ... for the small per-task {@code Representations} of the
 * partitioned placement, created once per JVM and reused by every task (ids are only needed to
 * satisfy core's validation; distances never read them).
 */
final class LocalIds {
  private static String[] ids = new String[0];

  private LocalIds() {}

  /** The ids "0" .. "count - 1". */
  static synchronized List<String> first(int count) {
    if (ids.length < count) {
      int size = Math.max(count, ids.length * 2);
      String[] grown = Arrays.copyOf(ids, size);
      for (int i = ids.length; i < size; i++) {
        grown[i] = Integer.toString(i);
      }
      ids = grown;
    }
    return Arrays.asList(ids).subList(0, count);
  }
}
