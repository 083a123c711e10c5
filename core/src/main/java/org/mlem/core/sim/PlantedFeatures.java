package org.mlem.core.sim;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The categorical feature table of a planted-effect dataset ({@link PlantedVolume},
 * {@link PlantedTimeCourse}): stimulus ids {@code s0, s1, ...} and, per feature, one level per
 * stimulus as text ({@code "0"}, {@code "1"}, ...), written as the CSV the fit job reads
 * ({@code id,<feature>,...}, one row per stimulus).
 *
 * <p>Each feature is balanced: its levels are repeated in turn over the stimuli (level
 * {@code s mod levels}), then shuffled (Fisher-Yates) by the feature's own random stream, so
 * every level has {@code n / levels} stimuli (one more for the first {@code n mod levels}) and
 * the features are independent of each other.
 *
 * @param ids the stimulus ids, in row order
 * @param columns feature name to its values (one per id), in column order
 */
public record PlantedFeatures(List<String> ids, Map<String, List<String>> columns) {
  /** Copies both, keeping the column order. */
  public PlantedFeatures {
    ids = List.copyOf(ids);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : columns.entrySet()) {
      if (e.getValue().size() != ids.size()) {
        throw new IllegalArgumentException("feature " + e.getKey() + " has "
            + e.getValue().size() + " values for " + ids.size() + " ids");
      }
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    columns = Collections.unmodifiableMap(copy);
  }

  /** Balanced random features (see the class comment), one stream per feature. */
  static PlantedFeatures balanced(int stimuli, int levels, List<String> names, long seed,
      long firstStream) {
    List<String> ids = new ArrayList<>(stimuli);
    for (int s = 0; s < stimuli; s++) {
      ids.add("s" + s);
    }
    Map<String, List<String>> columns = new LinkedHashMap<>();
    for (int f = 0; f < names.size(); f++) {
      int[] level = levels(stimuli, levels, new SimRandom(SimRandom.derive(seed,
          firstStream + f)));
      List<String> values = new ArrayList<>(stimuli);
      for (int l : level) {
        values.add(Integer.toString(l));
      }
      columns.put(names.get(f), values);
    }
    return new PlantedFeatures(ids, columns);
  }

  private static int[] levels(int stimuli, int levels, SimRandom random) {
    int[] out = new int[stimuli];
    for (int s = 0; s < stimuli; s++) {
      out[s] = s % levels;
    }
    for (int s = stimuli - 1; s > 0; s--) {
      int t = random.below(s + 1);
      int swap = out[s];
      out[s] = out[t];
      out[t] = swap;
    }
    return out;
  }

  /** The level (0, 1, ...) of each stimulus for one feature. */
  public int[] levels(String feature) {
    List<String> values = columns.get(feature);
    if (values == null) {
      throw new IllegalArgumentException("no feature " + feature + "; the features are "
          + columns.keySet());
    }
    int[] out = new int[values.size()];
    for (int s = 0; s < out.length; s++) {
      out[s] = Integer.parseInt(values.get(s));
    }
    return out;
  }

  /**
   * Writes the CSV ({@code id,<feature>,...}), through a temporary file beside it moved over
   * the target once complete.
   *
   * @throws IOException when the file cannot be written
   */
  public void writeCsv(Path path) throws IOException {
    Path target = path.toAbsolutePath();
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".",
        ".part");
    try {
      try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        w.write("id");
        for (String name : columns.keySet()) {
          w.write("," + name);
        }
        w.write("\n");
        for (int s = 0; s < ids.size(); s++) {
          w.write(ids.get(s));
          for (List<String> values : columns.values()) {
            w.write("," + values.get(s));
          }
          w.write("\n");
        }
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
