package org.mlem.jobs.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.testing.SparkTestSession;

/** Writes a real two-fold analysis and reads every table back, bit for bit. */
class RunDirectoryWriterTest {
  private static SparkSession spark;
  private static MlemAnalysis analysis;
  private static RunOutput run;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "RunDirectoryWriterTest");
    SyntheticDataset data = SimulationStudy.generate(40, 3, 8, 0.5, 7);
    EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(data));
    MlemConfig config = MlemConfig.builder().seed(5).folds(2).batchSize(60).maxSteps(12)
        .patience(4).permutations(3).threads(1).build();
    analysis = Mlem.with(config).analyze(features,
        new RepresentationDistances(SyntheticTables.representations(data),
            NeuralDistance.EUCLIDEAN));
    run = new RunOutput(analysis,
        List.of(new InputFile("features", "file:/data/f.csv", 123, "ab12"),
            new InputFile("representations", "hdfs:///r.parquet", 456, null)),
        List.of("a job warning"), 8, Map.of("distance", "euclidean"), Map.of("load", 0.5));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private Path writeRun(String name) {
    Path dir = tmp.resolve(name);
    new RunDirectoryWriter(spark).write(run, dir.toString(), false);
    return dir;
  }

  @Test
  void writesEveryFileAndNoTemporary() throws IOException {
    Path dir = writeRun("run");
    for (String f : List.of("run.json", "_SUCCESS", "weights", "importance",
        "importance_summary", "scores", "history", "weights.csv", "importance.csv",
        "importance_summary.csv", "scores.csv", "history.csv")) {
      assertTrue(Files.exists(dir.resolve(f)), f);
    }
    assertEquals(List.of("run"), siblings());
  }

  @Test
  void weightsRoundTripInParquetAndCsv() throws IOException {
    Path dir = writeRun("run");
    double[][] w = analysis.weights();
    List<String> names = analysis.featureNames();
    List<Row> rows = spark.read().parquet(dir.resolve("weights").toString())
        .orderBy("row", "column").collectAsList();
    assertEquals(names.size() * names.size(), rows.size());
    for (Row r : rows) {
      int a = names.indexOf(r.getString(0));
      int b = names.indexOf(r.getString(1));
      assertEquals(w[a][b], r.getDouble(2));
    }
    List<String[]> csv = csv(dir.resolve("weights.csv"));
    List<String> header = new ArrayList<>(List.of("feature"));
    header.addAll(names);
    assertEquals(header, List.of(csv.get(0)));
    for (int a = 0; a < names.size(); a++) {
      assertEquals(names.get(a), csv.get(a + 1)[0]);
      for (int b = 0; b < names.size(); b++) {
        assertEquals(w[a][b], Double.parseDouble(csv.get(a + 1)[b + 1]));
      }
    }
  }

  @Test
  void importanceRoundTrips() throws IOException {
    Path dir = writeRun("run");
    List<Object[]> expected = new ArrayList<>();
    for (FoldResult fold : analysis.folds()) {
      ImportanceResult r = fold.importance().orElseThrow();
      for (int u = 0; u < r.units().size(); u++) {
        for (int p = 0; p < r.permutations(); p++) {
          expected.add(new Object[] {fold.fold(), r.units().get(u), p, r.value(u, p),
              r.baselines()[p]});
        }
      }
      assertEquals(false, r.hasTotals(), "stimulus-level importance has no totals");
      for (int f = 0; f < (r.hasTotals() ? r.features().size() : 0); f++) {
        for (int p = 0; p < r.permutations(); p++) {
          expected.add(new Object[] {fold.fold(), "total:" + r.features().get(f), p,
              r.total(f, p), r.baselines()[p]});
        }
      }
    }
    List<Row> rows = spark.read().parquet(dir.resolve("importance").toString()).collectAsList();
    List<String[]> csv = csv(dir.resolve("importance.csv"));
    assertArrayEquals(new String[] {"fold", "unit", "permutation", "importance", "baseline",
        "kind", "scoring"}, csv.get(0));
    assertEquals(expected.size(), rows.size());
    assertEquals(expected.size(), csv.size() - 1);
    for (int k = 0; k < expected.size(); k++) {
      Object[] e = expected.get(k);
      Row r = rows.get(k);
      assertEquals(e[0], r.getInt(0));
      assertEquals(e[1], r.getString(1));
      assertEquals(e[2], r.getInt(2));
      assertEquals(e[3], r.getDouble(3));
      assertEquals(e[4], r.getDouble(4));
      String[] c = csv.get(k + 1);
      assertEquals(e[0], Integer.parseInt(c[0]));
      assertEquals(e[1], c[1]);
      assertEquals(e[2], Integer.parseInt(c[2]));
      assertEquals(e[3], Double.parseDouble(c[3]));
      assertEquals(e[4], Double.parseDouble(c[4]));
      assertEquals("stimulus", r.getString(5));
      assertEquals("stimulus", c[5]);
      assertEquals("spearman", r.getString(6));
      assertEquals("spearman", c[6]);
    }
  }

  @Test
  void summaryScoresAndHistoryRoundTrip() throws IOException {
    Path dir = writeRun("run");
    List<UnitSummary> summary = analysis.importanceSummary();
    List<Row> rows = spark.read().parquet(dir.resolve("importance_summary").toString())
        .collectAsList();
    List<String[]> csv = csv(dir.resolve("importance_summary.csv"));
    assertArrayEquals(new String[] {"unit", "mean", "std", "ci_low", "ci_high", "kind",
        "interval", "scoring"}, csv.get(0));
    assertEquals(summary.size(), rows.size());
    for (int k = 0; k < summary.size(); k++) {
      UnitSummary u = summary.get(k);
      double[] expected = {u.mean(), u.std(), u.ciLow(), u.ciHigh()};
      assertEquals(u.unit(), rows.get(k).getString(0));
      assertEquals(u.unit(), csv.get(k + 1)[0]);
      assertEquals("stimulus", csv.get(k + 1)[5]);
      assertEquals("across folds", csv.get(k + 1)[6], "2 folds: t over the fold means");
      assertEquals("across folds", rows.get(k).getString(6));
      for (int c = 0; c < 4; c++) {
        assertEquals(expected[c], rows.get(k).getDouble(c + 1));
        assertEquals(expected[c], Double.parseDouble(csv.get(k + 1)[c + 1]));
      }
    }

    List<Row> scores = spark.read().parquet(dir.resolve("scores").toString()).collectAsList();
    List<String[]> scoresCsv = csv(dir.resolve("scores.csv"));
    assertArrayEquals(new String[] {"fold", "spearman", "rho_a", "tau_a", "scoring", "score"},
        scoresCsv.get(0));
    assertEquals(3, scores.size());
    for (int k = 0; k < 3; k++) {
      double[] e = k < 2
          ? new double[] {analysis.folds().get(k).scores().spearman(),
              analysis.folds().get(k).scores().rhoA(), analysis.folds().get(k).scores().tauA()}
          : new double[] {analysis.spearman(), analysis.rhoA(), analysis.tauA()};
      String fold = k < 2 ? Integer.toString(k) : "mean";
      assertEquals(fold, scores.get(k).getString(0));
      assertEquals(fold, scoresCsv.get(k + 1)[0]);
      for (int c = 0; c < 3; c++) {
        assertEquals(e[c], scores.get(k).getDouble(c + 1));
        assertEquals(e[c], Double.parseDouble(scoresCsv.get(k + 1)[c + 1]));
      }
      // the default scoring: its score is the Spearman
      assertEquals("spearman", scoresCsv.get(k + 1)[4]);
      assertEquals(e[0], Double.parseDouble(scoresCsv.get(k + 1)[5]));
    }

    List<Row> history = spark.read().parquet(dir.resolve("history").toString()).collectAsList();
    List<String[]> historyCsv = csv(dir.resolve("history.csv"));
    int k = 0;
    for (FoldResult fold : analysis.folds()) {
      for (int s = 0; s < fold.metric().steps(); s++, k++) {
        Row r = history.get(k);
        String[] c = historyCsv.get(k + 1);
        assertEquals(fold.fold(), r.getInt(0));
        assertEquals(s, r.getInt(1));
        assertEquals(fold.metric().history().score(s), r.getDouble(2));
        assertEquals(fold.metric().history().seconds(s), r.getDouble(3));
        assertEquals(fold.metric().history().score(s), Double.parseDouble(c[2]));
        assertEquals(fold.metric().history().seconds(s), Double.parseDouble(c[3]));
      }
    }
    assertEquals(k, history.size());
    assertEquals(k, historyCsv.size() - 1);
  }

  @Test
  void runJsonHoldsProvenance() throws IOException {
    Path dir = writeRun("run");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    assertEquals(ProvenanceJson.FORMAT_VERSION, json.get("format_version").asInt());
    assertEquals("fit", json.get("command").asText());
    assertEquals(5, json.get("seed").asLong());
    assertEquals(spark.version(), json.get("versions").get("spark").asText());
    assertEquals(System.getProperty("java.version"), json.get("versions").get("java").asText());
    assertEquals("2", json.get("config").get("folds").asText());
    assertEquals("euclidean", json.get("config").get("distance").asText());
    assertEquals(40, json.get("counts").get("stimuli").asInt());
    assertEquals(3, json.get("counts").get("features").asInt());
    assertEquals(8, json.get("counts").get("dims").asInt());
    assertEquals(60, json.get("batch_size").asInt());
    assertEquals("ab12", json.get("inputs").get(0).get("sha256").asText());
    assertEquals(456, json.get("inputs").get(1).get("bytes").asLong());
    assertTrue(json.get("inputs").get(1).get("sha256").isNull());
    assertEquals(analysis.folds().get(1).metric().steps(),
        json.get("folds").get(1).get("steps").asInt());
    assertEquals(analysis.spearman(), json.get("scores").get("spearman").asDouble());
    assertEquals("stimulus", json.get("config").get("importance").asText());
    JsonNode importance = json.get("importance");
    assertEquals("stimulus", importance.get("kind").asText());
    assertEquals("across folds", importance.get("interval").asText());
    assertTrue(importance.get("how_to_read").asText().startsWith("stimulus-level"));
    assertTrue(importance.get("interval_description").asText().contains("K - 1"));
    assertEquals(0.5, json.get("timings").get("load").asDouble());
    assertTrue(json.get("timings").has("fit"));
    assertTrue(json.get("warnings").toString().contains("a job warning"));
  }

  @Test
  void runJsonReadsBackAsTheRecordThatWasWritten() throws IOException {
    Path dir = writeRun("run");
    String text = Files.readString(dir.resolve("run.json"));
    ProvenanceRecord read = ProvenanceJson.read("run.json", text, ProvenanceRecord.FIT);
    assertEquals(RunManifest.of(run, spark.version()), read);
    assertEquals(text, ProvenanceJson.write(read), "rewriting what was read gives the file back");
    assertEquals(5L, read.seed());
    assertEquals("2", read.config().get("folds"));
    assertEquals(456L, read.inputs().get(1).bytes());
    assertEquals(0.5, read.timings().get("load"));
    assertEquals(analysis.spearman(), read.detail("scores").get("spearman").asDouble());
  }

  @Test
  void failureMidWriteLeavesNothing() throws IOException {
    Path dir = tmp.resolve("run");
    RunDirectoryWriter failing = new RunDirectoryWriter(spark, name -> {
      if (name.equals("scores")) {
        throw new IllegalStateException("injected failure after " + name);
      }
    });
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> failing.write(run, dir.toString(), false));
    assertEquals("injected failure after scores", e.getMessage());
    assertFalse(Files.exists(dir));
    assertEquals(List.of(), siblings());
  }

  /**
   * The commit marker for object stores (no atomic rename): no temporary ever holds
   * {@code _SUCCESS}, DIR appears only once everything else is complete, and {@code _SUCCESS}
   * is written into DIR after that, as the very last file. Fails when the marker is written
   * into the temporary before the rename.
   */
  @Test
  void successIsWrittenIntoThePlacedDirectoryLast() throws IOException {
    Path dir = tmp.resolve("run");
    List<String> order = new ArrayList<>();
    RunDirectoryWriter watched = new RunDirectoryWriter(spark, name -> {
      order.add(name);
      try (Stream<Path> s = Files.list(tmp)) {
        for (Path p : s.toList()) {
          if (p.getFileName().toString().contains("._tmp-")) {
            assertFalse(Files.exists(p.resolve("_SUCCESS")), "_SUCCESS in " + p + " after " + name);
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (!name.equals("_SUCCESS")) {
        assertFalse(Files.exists(dir), "DIR is visible before it is complete, after " + name);
      }
    });
    watched.write(run, dir.toString(), false);
    assertEquals("_SUCCESS", order.get(order.size() - 1));
    assertTrue(order.containsAll(List.of("run.json", "history.csv")), order.toString());
    assertTrue(Files.exists(dir.resolve("_SUCCESS")));
    assertEquals(List.of("run"), siblings());
  }

  @Test
  void existingDirectoryIsRefusedWithoutOverwrite() throws IOException {
    Path dir = tmp.resolve("run");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("keep.txt"), "old");
    OutputExistsException e = assertThrows(OutputExistsException.class,
        () -> new RunDirectoryWriter(spark).write(run, dir.toString(), false));
    assertEquals("output directory exists: " + dir + "; pass --overwrite to replace it",
        e.getMessage());
    assertTrue(Files.exists(dir.resolve("keep.txt")));
    assertEquals(List.of("run"), siblings());
  }

  @Test
  void overwriteReplacesOnlyWhenComplete() throws IOException {
    Path dir = tmp.resolve("run");
    new RunDirectoryWriter(spark).write(run, dir.toString(), false);
    // a hidden marker: a previous run directory may hold hidden files (.crc and the like)
    Files.writeString(dir.resolve(".old-run"), "old");
    RunDirectoryWriter failing = new RunDirectoryWriter(spark, name -> {
      if (name.equals("history")) {
        throw new IllegalStateException("injected");
      }
    });
    assertThrows(IllegalStateException.class, () -> failing.write(run, dir.toString(), true));
    assertTrue(Files.exists(dir.resolve(".old-run")), "the old run survives a failed overwrite");
    assertEquals(List.of("run"), siblings());

    new RunDirectoryWriter(spark).write(run, dir.toString(), true);
    assertFalse(Files.exists(dir.resolve(".old-run")));
    assertTrue(Files.exists(dir.resolve("_SUCCESS")));
    assertEquals(List.of("run"), siblings());
  }

  @Test
  void overwriteRefusesADirectoryThatIsNotARun() throws IOException {
    Path dir = tmp.resolve("run");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("keep.txt"), "old");
    OutputExistsException e = assertThrows(OutputExistsException.class,
        () -> new RunDirectoryWriter(spark).write(run, dir.toString(), true));
    assertEquals("--out " + dir + " exists and is not a run directory of mlem (no run.json;"
        + " it holds keep.txt); --overwrite replaces only a previous run directory: choose a"
        + " new --out, or move it away yourself", e.getMessage());
    assertTrue(Files.exists(dir.resolve("keep.txt")));
    assertEquals(List.of("run"), siblings());
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String[]> csv(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(line.split(",", -1));
    }
    return out;
  }
}
