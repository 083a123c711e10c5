package org.mlem.jobs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.sweep.SweepFixtures;

/**
 * Issue 12 item 3, as a user does it: {@code submit-scripts/mlem sweep} (or {@code fit}) in a
 * terminal, Ctrl-C (SIGINT) or {@code kill} (SIGTERM) once a set is training. Expected: exit
 * 130 or 143, exactly one line on stderr saying what was interrupted and what to do, no stack
 * trace or log line, no temporary left (neither in the output nor in the JVM's temporary
 * directory), and for the sweep the same command resumes: the completed set is kept.
 */
class InterruptionTest {
  private static final Duration START = Duration.ofMinutes(2);
  private static final Duration END = Duration.ofMinutes(3);

  @TempDir static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    SweepFixtures.writeFeatures(data.resolve("features.csv"));
    for (int k = 1; k <= 3; k++) {
      SweepFixtures.writeNpy(SweepFixtures.layer(k), data.resolve("layers/layer=" + k + ".npy"));
    }
  }

  /** Each set trains for 300 steps (no early stop), so set 2 is running when the signal comes. */
  private static List<String> sweep(Path out) {
    return List.of("sweep", "--features", data.resolve("features.csv").toString(),
        "--representations", data.resolve("layers") + "/*.npy", "--out", out.toString(),
        "--master", "local[1]", "--seed", "5", "--max-steps", "300", "--patience", "300",
        "--permutations", "1", "--no-report");
  }

  @Test
  void ctrlCDuringASweepPrintsOneLineExits130AndTheSameCommandResumes(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("sweep");
    Path tmp = dir.resolve("jvm-tmp");
    try (LauncherRun r = LauncherRun.start(dir, tmp, Map.of(), sweep(out))) {
      r.awaitOut(l -> l.startsWith("set 2/3 layer=2: step 0 "), START);
      assumeFalse(r.ignoresSigint(), "this test's parent ignores SIGINT: the JVM cannot get it");
      r.signal("INT");
      assertEquals(130, r.waitFor(END), r.describe());
      assertEquals(List.of("mlem: interrupted during set 2/3 (layer=2); rerun the same command"
          + " to resume"), r.err(), r.describe());
      assertFalse(r.out().stream().anyMatch(l -> l.startsWith("set 3/3")), r.describe());
    }
    assertEquals(List.of(), leftovers(dir), "temporaries left");
    assertTrue(Files.exists(out.resolve("runs/layer=1/_SUCCESS")));
    assertFalse(Files.exists(out.resolve("runs/layer=2")), "the interrupted set left nothing");
    assertFalse(Files.exists(out.resolve("_SUCCESS")));

    try (LauncherRun again = LauncherRun.run(dir, tmp, END, sweep(out))) {
      assertEquals(0, again.code(), again.describe());
      assertTrue(again.out().contains("set 1/3 layer=1: ok (resumed)"), again.describe());
      assertTrue(again.out().stream().anyMatch(l -> l.startsWith("set 2/3 layer=2: ok held-out")),
          again.describe());
      assertTrue(again.out().stream().anyMatch(l -> l.startsWith(
          "sweep: 3 sets: 3 ok (1 resumed), 0 failed; combined table ")), again.describe());
      assertEquals(List.of(), again.err(), again.describe());
    }
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals(List.of(), leftovers(dir), "temporaries left");
  }

  @Test
  void sigtermDuringAFitPrintsOneLineExits143AndWritesNothing(@TempDir Path dir)
      throws IOException {
    Path run = dir.resolve("run");
    Path tmp = dir.resolve("jvm-tmp");
    try (LauncherRun r = LauncherRun.start(dir, tmp, Map.of(), List.of("fit", "--features",
        data.resolve("features.csv").toString(), "--representations",
        data.resolve("layers/layer=1.npy").toString(), "--out", run.toString(), "--master",
        "local[1]", "--max-steps", "1000000", "--patience", "1000000"))) {
      r.awaitOut(l -> l.startsWith("  step    10 "), START);
      r.signal("TERM");
      assertEquals(143, r.waitFor(END), r.describe());
      assertEquals(List.of("mlem: interrupted; nothing was written"), r.err(), r.describe());
    }
    assertFalse(Files.exists(run), "nothing was written");
    assertEquals(List.of(), leftovers(dir), "temporaries left");
  }

  /**
   * Temporaries below {@code dir}: atomic writers' {@code ._tmp-} and {@code ._old-} siblings,
   * Spark's {@code _temporary}, and anything in the JVM's temporary directory (Spark's
   * {@code spark-*} and {@code blockmgr-*}).
   */
  private static List<String> leftovers(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.forEach(p -> {
        String name = p.getFileName().toString();
        if (name.contains("._tmp-") || name.contains("._old-") || name.equals("_temporary")
            || p.getParent() != null && p.getParent().getFileName().toString().equals("jvm-tmp")) {
          found.add(dir.relativize(p).toString());
        }
      });
    }
    return found;
  }
}
