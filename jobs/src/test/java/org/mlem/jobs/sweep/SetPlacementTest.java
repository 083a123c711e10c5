package org.mlem.jobs.sweep;

import org.mlem.jobs.fit.SetPlacement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlem sweep --set-placement task}: each set is fitted whole inside one Spark task, which
 * writes its run directory; the importances, scores, W and training history are those of the
 * sets driven from the driver (bit for bit), as are those of a local sweep's automatic choice
 * (the core engine on the driver); run.json says where the set ran, and the automatic choice
 * fits local sets in process and sends small sets of a cluster to tasks.
 */
class SetPlacementTest {
  private static final List<String> TABLES = List.of("importance_summary.csv", "importance.csv",
      "scores.csv", "weights.csv");

  @TempDir static Path tmp;
  private static Path features;

  @BeforeAll
  static void data() throws IOException {
    features = SweepFixtures.writeFeatures(tmp.resolve("features.csv"));
    for (int k = 1; k <= 2; k++) {
      SweepFixtures.writeNpy(SweepFixtures.layer(k), tmp.resolve("layers/layer=" + k + ".npy"));
    }
  }

  private static SweepFixtures.Result sweep(Path out, String placement) {
    List<String> args = new ArrayList<>(List.of("sweep", "--features", features.toString(),
        "--representations", tmp.resolve("layers") + "/*.npy", "--out", out.toString(),
        "--set-placement", placement, "--no-report"));
    args.addAll(SweepFixtures.quickOptions());
    return SweepFixtures.cli(args.toArray(String[]::new));
  }

  @Test
  void setsFittedInTasksOrInProcessEqualSetsDrivenFromTheDriver() throws IOException {
    SweepFixtures.Result driver = sweep(tmp.resolve("driver"), "driver");
    assertEquals(0, driver.code(), driver.err());
    // task: the whole fit inside a Spark task; auto on a local master: the core engine on the
    // driver, the .npy sets read without Spark
    for (String placement : List.of("task", "auto")) {
      String recorded = placement.equals("task") ? "task" : "in-process";
      SweepFixtures.Result other = sweep(tmp.resolve(placement), placement);
      assertEquals(0, other.code(), other.err());
      assertTrue(other.out().contains("set 2/2 layer=2: ok held-out Spearman"), other.out());
      for (String set : List.of("layer=1", "layer=2")) {
        Path a = tmp.resolve("driver/runs/" + set);
        Path b = tmp.resolve(placement + "/runs/" + set);
        assertTrue(Files.exists(b.resolve("_SUCCESS")), set);
        for (String table : TABLES) {
          assertEquals(Files.readString(a.resolve(table)), Files.readString(b.resolve(table)),
              placement + " " + set + " " + table);
        }
        assertEquals(withoutSeconds(a.resolve("history.csv")),
            withoutSeconds(b.resolve("history.csv")), placement + " " + set + " history.csv");
        JsonNode runA = new ObjectMapper().readTree(a.resolve("run.json").toFile());
        JsonNode runB = new ObjectMapper().readTree(b.resolve("run.json").toFile());
        assertEquals(recorded, runB.path("config").path("placement").asText(), runB.toString());
        assertEquals("broadcast", runA.path("config").path("placement").asText());
        assertEquals(runA.path("config").path("seed").asText(),
            runB.path("config").path("seed").asText());
      }
      assertEquals(Files.readString(tmp.resolve("driver/combined.csv")),
          Files.readString(tmp.resolve(placement + "/combined.csv")), placement);
    }
  }

  /** The training history without its wall-clock column. */
  private static List<String> withoutSeconds(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    int seconds = List.of(lines.get(0).split(",", -1)).indexOf("seconds");
    assertTrue(seconds >= 0, lines.get(0));
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(seconds);
      out.add(String.join(",", cells));
    }
    assertTrue(out.size() > 2, "a history of steps");
    return out;
  }

  @Test
  void autoFitsLocalSetsInProcessAndSmallClusterSetsInTasks() {
    assertFalse(SetPlacement.AUTO.inTask("local[2]", 1000, 512));
    assertFalse(SetPlacement.AUTO.inTask(null, 1000, 512));
    assertTrue(SetPlacement.AUTO.inTask("spark://127.0.0.1:7077", 1000, 512));
    assertFalse(SetPlacement.AUTO.inTask("spark://127.0.0.1:7077", 513L << 20, 512));
    assertTrue(SetPlacement.TASK.inTask("local[1]", 1L << 40, 0));
    assertFalse(SetPlacement.DRIVER.inTask("spark://h:7077", 1, 512));
    assertTrue(SetPlacement.AUTO.inProcess("local[2]"));
    assertTrue(SetPlacement.AUTO.inProcess(null));
    assertFalse(SetPlacement.AUTO.inProcess("spark://127.0.0.1:7077"));
    assertFalse(SetPlacement.DRIVER.inProcess("local[2]"));
    assertFalse(SetPlacement.TASK.inProcess("local[2]"));
    assertEquals(SetPlacement.TASK, SetPlacement.parse(" Task "));
  }

  /**
   * A local sweep of .npy sets placed automatically never asks for Spark (the session's starter
   * here fails the test if called), reports included (the MDS view reads its layer on the
   * driver), and gives the combined table of the sweep driven through Spark.
   */
  @Test
  void aLocalSweepOfNpySetsNeverStartsSpark() throws IOException {
    Path out = tmp.resolve("lazy");
    java.util.Map<String, Object> keys = new java.util.LinkedHashMap<>();
    keys.put("features", features.toString());
    keys.put("representations", tmp.resolve("layers") + "/*.npy");
    keys.put("out", out.toString());
    keys.put("master", "local[2]");
    keys.put("seed", 5L);
    keys.put("max-steps", 8);
    keys.put("patience", 4);
    keys.put("permutations", 2);
    keys.put("partitions", 2);
    SweepSettings settings = new SweepSettings(org.mlem.jobs.fit.FitSettings.resolve(keys), 0,
        SweepSettings.DEFAULT_SET_COLUMN, null, true);
    SweepSession session = SweepSession.lazy("local[2]", () -> {
      throw new AssertionError("a local sweep of .npy sets asked for a Spark session");
    });
    java.io.StringWriter console = new java.io.StringWriter();
    SweepResult result = new SweepJob(session, settings, new java.io.PrintWriter(console)).run();
    assertEquals(0, result.failed(), console.toString());
    assertTrue(!session.started());
    assertTrue(Files.exists(out.resolve("report.html")), console.toString());
    String report = Files.readString(out.resolve("report.html"));
    assertTrue(report.contains("fig-mds"), "the MDS view is drawn without Spark");
    // rebuilt as mlem report rebuilds it: through the same lazy session, never started
    Files.delete(out.resolve("report.html"));
    org.mlem.jobs.report.Reports.write(session::session, session.conf(), out.toString(),
        org.mlem.jobs.report.ReportKind.SWEEP, null);
    assertTrue(!session.started());
    assertEquals(report.replaceAll("Written [^<]*", ""),
        Files.readString(out.resolve("report.html")).replaceAll("Written [^<]*", ""),
        "the same report");
    SweepFixtures.Result driver = sweep(tmp.resolve("driver-for-lazy"), "driver");
    assertEquals(0, driver.code(), driver.err());
    assertEquals(Files.readString(tmp.resolve("driver-for-lazy/combined.csv")),
        Files.readString(out.resolve("combined.csv")));
  }
}
