package org.mlem.jobs.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of jobs form layers with no cycle (cli over searchlight and rsa; those over sweep,
 * experiments, ml, bench; those over fit and tasks; those over io, spark, output, report), and core never uses Spark or Hadoop: read from the sources,
 * every {@code org.mlem.jobs.X} reference (import or fully qualified name) is an edge.
 */
class PackageLayersTest {
  private static final Path JOBS = Path.of("src/main/java/org/mlem/jobs");
  private static final Path CORE = Path.of("../core/src/main/java/org/mlem/core");
  private static final Pattern REFERENCE = Pattern.compile("org\\.mlem\\.jobs\\.([a-z]+)\\.[A-Z]");

  /** Package -> the packages it uses. */
  static Map<String, Set<String>> edges() throws IOException {
    Map<String, Set<String>> edges = new TreeMap<>();
    try (Stream<Path> files = Files.walk(JOBS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = JOBS.relativize(f);
        if (rel.getNameCount() < 2) {
          continue;
        }
        String from = rel.getName(0).toString();
        Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(from)) {
            to.add(m.group(1));
          }
        }
      }
    }
    return edges;
  }

  /** The layer of each package: a package may use only packages of a lower layer. */
  private static final Map<String, Integer> LAYER = Map.ofEntries(Map.entry("cli", 4),
      Map.entry("searchlight", 3), Map.entry("rsa", 3), Map.entry("bench", 2),
      Map.entry("sweep", 2),
      Map.entry("experiments", 2), Map.entry("ml", 2), Map.entry("fit", 1),
      Map.entry("tasks", 1), Map.entry("report", 0), Map.entry("output", 0),
      Map.entry("io", 0), Map.entry("spark", 0));

  @Test
  void everyPackageUsesOnlyLowerLayersOrItsOwnLayersBase() throws IOException {
    List<String> violations = new ArrayList<>();
    Map<String, Set<String>> edges = edges();
    for (Map.Entry<String, Set<String>> e : edges.entrySet()) {
      assertTrue(LAYER.containsKey(e.getKey()), "package " + e.getKey() + " has no layer");
      for (String to : e.getValue()) {
        int a = LAYER.get(e.getKey());
        int b = LAYER.getOrDefault(to, -1);
        boolean base = a == 0 && b == 0 && !reaches(edges, to, e.getKey());
        if (b >= a && !base) {
          violations.add(e.getKey() + " -> " + to);
        }
      }
    }
    assertEquals(List.of(), violations, "uses of a package in the same or a higher layer");
  }

  @Test
  void thereIsNoCycleBetweenPackages() throws IOException {
    Map<String, Set<String>> edges = edges();
    for (String p : edges.keySet()) {
      for (String q : edges.get(p)) {
        assertTrue(!reaches(edges, q, p), "cycle: " + p + " -> " + q + " -> ... -> " + p);
      }
    }
  }

  @Test
  void theCheckFindsACycleWhenThereIsOne() {
    Map<String, Set<String>> edges = Map.of("a", Set.of("b"), "b", Set.of("c"),
        "c", Set.of("a"));
    assertTrue(reaches(edges, "b", "a"));
    assertTrue(!reaches(Map.of("a", Set.of("b"), "b", Set.of()), "b", "a"));
  }

  @Test
  void coreUsesNeitherSparkNorHadoop() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CORE)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (text.contains("org.apache.spark") || text.contains("org.apache.hadoop")
            || text.contains("org.mlem.jobs")) {
          offenders.add(CORE.relativize(f).toString());
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  private static boolean reaches(Map<String, Set<String>> edges, String from, String target) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(List.of(from));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (p.equals(target)) {
        return true;
      }
      if (seen.add(p)) {
        todo.addAll(edges.getOrDefault(p, Set.of()));
      }
    }
    return false;
  }
}
