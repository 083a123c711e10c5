package org.mlem.jobs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.sweep.SweepFixtures;

/**
 * Issue 12 item 4, as a user meets it: {@code submit-scripts/mlem fit} on a wide CSV (30
 * columns: Spark shortens the plan's string and says so) with early stopping on two local
 * threads (the prefetched batches are cancelled: "Lost task ... TaskKilled"). By default stderr
 * holds nothing at all: none of the lines below, nor any other; {@code --verbose} brings
 * Spark's INFO lines back. Without the launcher's filter and conf/log4j2.properties each of
 * these patterns appeared on this run.
 */
class ConsoleNoiseTest {
  /** Lines a normal run must not print (issue 12's list). */
  static final List<Pattern> NOISE = List.of(
      Pattern.compile("TaskKilled"), Pattern.compile("Lost task"),
      Pattern.compile("Truncated the string representation of a plan"),
      Pattern.compile("SparkUI"), Pattern.compile("could not bind on port"),
      Pattern.compile("WARNING: Using incubator modules"), Pattern.compile("\u001b\\["),
      Pattern.compile("\\bINFO\\b"), Pattern.compile("Exception"), Pattern.compile("^\tat "),
      Pattern.compile("resolves to a loopback address"));

  private static final Duration END = Duration.ofMinutes(3);

  @TempDir static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    SweepFixtures.writeFeatures(data.resolve("features.csv"));
    SyntheticDataset layer = SweepFixtures.layer(1);
    SplittableRandom noise = new SplittableRandom(3);
    StringBuilder csv = new StringBuilder("id");
    for (int j = 0; j < 30; j++) {
      csv.append(",d").append(j);
    }
    csv.append('\n');
    for (int i = 0; i < layer.size(); i++) {
      csv.append(layer.ids().get(i));
      for (int j = 0; j < 30; j++) {
        double v = j < layer.dims() ? layer.representations()[i * layer.dims() + j]
            : noise.nextDouble() - 0.5;
        csv.append(String.format(Locale.ROOT, ",%.6f", v));
      }
      csv.append('\n');
    }
    Files.writeString(data.resolve("wide.csv"), csv.toString());
  }

  private static List<String> fit(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("fit", "--features",
        data.resolve("features.csv").toString(), "--representations",
        data.resolve("wide.csv").toString(), "--out", out.toString(), "--master", "local[2]",
        "--partitions", "2", "--patience", "4", "--max-steps", "300", "--permutations", "2",
        "--no-report"));
    args.addAll(List.of(more));
    return args;
  }

  private static List<String> noise(List<String> lines) {
    return lines.stream().filter(l -> NOISE.stream().anyMatch(p -> p.matcher(l).find()))
        .toList();
  }

  @Test
  void aFitOnAWideCsvWithEarlyStoppingPrintsNothingOnStderr(@TempDir Path dir) {
    try (LauncherRun r = LauncherRun.run(dir, dir.resolve("tmp"), END, fit(dir.resolve("run")))) {
      assertEquals(0, r.code(), r.describe());
      assertEquals(List.of(), noise(r.err()), r.describe());
      assertEquals(List.of(), r.err(), "nothing on stderr: " + r.describe());
      assertEquals(List.of(), noise(r.out()), r.describe());
      assertFalse(r.out().stream().anyMatch(l -> l.startsWith("Spark UI: ")),
          "the UI is off locally: " + r.describe());
      assertTrue(r.out().contains("run directory: " + dir.resolve("run")), r.describe());
    }
  }

  @Test
  void quietPrintsOnlyTheSummaryAndNothingOnStderr(@TempDir Path dir) {
    try (LauncherRun r = LauncherRun.run(dir, dir.resolve("tmp"), END,
        fit(dir.resolve("run"), "--quiet"))) {
      assertEquals(0, r.code(), r.describe());
      assertEquals(List.of(), r.err(), r.describe());
      assertFalse(r.out().stream().anyMatch(l -> l.startsWith("  step ")), r.describe());
      assertTrue(r.out().stream().anyMatch(l -> l.startsWith("held-out Spearman ")),
          r.describe());
    }
  }

  @Test
  void verboseBringsBackSparksInfoLines(@TempDir Path dir) {
    try (LauncherRun r = LauncherRun.run(dir, dir.resolve("tmp"), END,
        fit(dir.resolve("run"), "--verbose"))) {
      assertEquals(0, r.code(), r.describe());
      assertTrue(r.err().stream().anyMatch(l -> l.matches(
          "\\d\\d:\\d\\d:\\d\\d INFO  SparkContext: Running Spark version .*")), r.describe());
      assertTrue(r.err().stream().anyMatch(l -> l.contains(" INFO  SparkPairSourceFactory: ")),
          "MLEM's own INFO lines too: " + r.describe());
    }
  }
}
