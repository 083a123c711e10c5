package org.mlem.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The results of a run directory as text, for bit-for-bit comparisons between runs: the CSV
 * copies of W, importances, their summary and the held-out scores as written, and the
 * training history without its wall-clock {@code seconds} column. (The CSVs print every double
 * with its shortest round-trip form, so equal text means equal bits.)
 */
final class RunResults {
  /** The result files compared verbatim. */
  static final List<String> VERBATIM =
      List.of("weights.csv", "importance.csv", "importance_summary.csv", "scores.csv");

  private RunResults() {}

  /** The results of one run; {@code read} gives a file's text by its name in the directory. */
  static Map<String, String> of(Function<String, String> read) {
    Map<String, String> results = new LinkedHashMap<>();
    for (String name : VERBATIM) {
      results.put(name, read.apply(name));
    }
    results.put("history.csv (without seconds)", withoutSeconds(read.apply("history.csv")));
    return results;
  }

  /** Fails unless both runs have the same results, naming the first file that differs. */
  static void assertSame(Map<String, String> expected, Map<String, String> actual, String what) {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertFalse(e.getValue().isBlank(), e.getKey() + " of the reference is empty");
      assertEquals(e.getValue(), actual.get(e.getKey()), what + ": " + e.getKey() + " differs");
    }
  }

  private static String withoutSeconds(String csv) {
    List<String> lines = csv.lines().toList();
    List<String> header = List.of(lines.get(0).split(",", -1));
    int seconds = header.indexOf("seconds");
    if (seconds < 0) {
      throw new AssertionError("history.csv has no seconds column: " + lines.get(0));
    }
    return lines.stream().map(line -> {
      List<String> cells = new java.util.ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(seconds);
      return String.join(",", cells);
    }).collect(Collectors.joining("\n"));
  }
}
