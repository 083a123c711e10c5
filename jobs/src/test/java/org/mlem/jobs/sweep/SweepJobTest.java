package org.mlem.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.report.ReportAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.testing.SparkTestSession;

/** {@code mlem sweep} and {@code mlem estimate-batch-size} end to end on local[2]. */
class SweepJobTest {
  private static SparkSession spark;
  private static Path features;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "SweepJobTest");
    features = SweepFixtures.writeFeatures(tmp.resolve("data/features.csv"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SweepFixtures.Result sweep(String representations, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("sweep", "--features", features.toString(),
        "--representations", representations, "--out", out.toString()));
    args.addAll(SweepFixtures.quickOptions());
    args.addAll(List.of(more));
    return SweepFixtures.cli(args.toArray(String[]::new));
  }

  private static List<String[]> combinedCsv(Path out) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("combined.csv"))) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void aKilledSweepResumesSkippingCompleteLayers() throws IOException {
    Path layers = SweepFixtures.writeLayers(spark, tmp.resolve("resume/layers"), 4);
    Path out = tmp.resolve("resume/out");
    String pattern = layers + "/layer=*/";
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("features", features.toString());
    keys.put("representations", pattern);
    keys.put("out", out.toString());
    keys.put("seed", 5L);
    keys.put("max-steps", 8);
    keys.put("patience", 4);
    keys.put("permutations", 2);
    keys.put("partitions", 2);
    SweepSettings settings = new SweepSettings(FitSettings.resolve(keys), 1, "layer", null);
    AtomicInteger done = new AtomicInteger();
    StringWriter console = new StringWriter();
    IllegalStateException killed = assertThrows(IllegalStateException.class,
        () -> new SweepJob(spark, settings, new PrintWriter(console), o -> {
          if (done.incrementAndGet() == 2) {
            throw new IllegalStateException("killed after 2 sets");
          }
        }).run());
    assertEquals("killed after 2 sets", killed.getMessage());
    Path runs = out.resolve("runs");
    assertTrue(Files.exists(runs.resolve("layer=1/_SUCCESS")));
    assertTrue(Files.exists(runs.resolve("layer=2/_SUCCESS")));
    assertFalse(Files.exists(runs.resolve("layer=3")), "layer 3 never started");
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
    assertFalse(Files.exists(out.resolve("combined.csv")));
    Map<String, byte[]> bytes = new HashMap<>();
    Map<String, FileTime> times = new HashMap<>();
    for (String set : List.of("layer=1", "layer=2")) {
      Path runJson = runs.resolve(set).resolve("run.json");
      bytes.put(set, Files.readAllBytes(runJson));
      times.put(set, Files.getLastModifiedTime(runJson));
    }
    Path stale = Files.createDirectories(runs.resolve("layer=3._tmp-dead"));
    Files.writeString(stale.resolve("run.json"), "{}");

    SweepFixtures.Result r = sweep(pattern, out);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("set 1/4 layer=1: ok (resumed)"), r.out());
    assertTrue(r.out().contains("set 2/4 layer=2: ok (resumed)"), r.out());
    assertTrue(r.out().contains("set 3/4 layer=3: ok held-out Spearman"), r.out());
    assertTrue(r.out().contains("set 4/4 layer=4: step 0 score"), r.out());
    // the two resumed sets count as done, the rate is the two fitted ones'
    assertTrue(r.out().matches("(?s).*set 3/4 layer=3: ok held-out Spearman [^\n]*\\| 3/4 sets "
        + "\\(75%\\)  [0-9.]+ sets/(s|min)  [0-9hms]+ left\n.*"), r.out());
    assertTrue(r.out().matches("(?s).*set 4/4 layer=4: ok [^\n]*\\| 4/4 sets \\(100%\\) "
        + " [0-9.]+ sets/(s|min)  nothing left\n.*"), r.out());
    for (String set : List.of("layer=1", "layer=2")) {
      Path runJson = runs.resolve(set).resolve("run.json");
      assertArrayEquals(bytes.get(set), Files.readAllBytes(runJson), set);
      assertEquals(times.get(set), Files.getLastModifiedTime(runJson), set);
    }
    assertTrue(Files.exists(runs.resolve("layer=4/_SUCCESS")));
    assertFalse(Files.exists(stale), "stale temporary deleted");
    assertTrue(Files.exists(out.resolve("_SUCCESS")));

    List<String[]> csv = combinedCsv(out);
    assertEquals(String.join(",", CombinedTable.COLUMNS), String.join(",", csv.get(0)));
    List<String> sets = new ArrayList<>();
    Map<String, String> status = new HashMap<>();
    for (String[] row : csv.subList(1, csv.size())) {
      if (!sets.contains(row[0])) {
        sets.add(row[0]);
      }
      status.put(row[0], row[9]);
    }
    assertEquals(List.of("layer=1", "layer=2", "layer=3", "layer=4"), sets);
    assertEquals("skipped-complete", status.get("layer=1"));
    assertEquals("ok", status.get("layer=4"));
    // The combined rows are the run directories' summaries, unit by unit.
    List<Row> summary = spark.read().parquet(runs.resolve("layer=2/importance_summary")
        .toString()).collectAsList();
    List<String[]> layer2 = csv.stream().filter(c -> c[0].equals("layer=2")).toList();
    assertEquals(summary.size(), layer2.size());
    for (int u = 0; u < summary.size(); u++) {
      assertEquals(summary.get(u).getString(0), layer2.get(u)[1]);
      assertEquals(summary.get(u).getDouble(1), Double.parseDouble(layer2.get(u)[2]));
    }
    assertEquals(4, spark.read().parquet(out.resolve("combined").toString())
        .select("set").distinct().count());
    JsonNode manifest = json(out.resolve("sweep.json"));
    assertEquals(4, manifest.get("sets").size());
    for (JsonNode s : manifest.get("sets")) {
      assertEquals(SetSeeds.seedOf(5, s.get("name").asText()), s.get("seed").asLong());
    }
    assertEquals("ok", manifest.get("sets").get(2).get("status").asText());
    String text = Files.readString(out.resolve("sweep.json"));
    ProvenanceRecord read = ProvenanceJson.read("sweep.json", text, "fit");
    assertEquals(text, ProvenanceJson.write(read), "sweep.json reads back to what was written");
    assertEquals("sweep", read.command());
    assertEquals(5L, read.seed());
    assertEquals(4, read.detail("sets").size());
    assertEquals(4, read.detail("counts").path("ok").asInt()
        + read.detail("counts").path("skipped-complete").asInt(), "resumed: some sets skipped");
  }

  /**
   * 20 stimuli whose two categorical features have their level "x" on stimuli 0, 1 (a) and 2, 3
   * (b) only: with 5 folds of 4 held-out stimuli, some fold holds none of the 4 carriers, so its
   * held-out predictions are all 0 and its Spearman is undefined (see core's ConstantFoldTest).
   */
  @Test
  void aFoldWithConstantPredictionsIsRecordedAndTheSweepGoesOn() throws IOException {
    Path dir = tmp.resolve("rare");
    StringBuilder csv = new StringBuilder("id,a,b\n");
    for (int i = 0; i < 20; i++) {
      csv.append("s").append(i).append(',').append(i < 2 ? "x" : "y").append(',')
          .append(i == 2 || i == 3 ? "x" : "y").append('\n');
    }
    Files.createDirectories(dir);
    Path rareFeatures = Files.writeString(dir.resolve("features.csv"), csv.toString());
    for (int k = 1; k <= 2; k++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        rows.add(RowFactory.create("s" + i, List.of(i < 2 ? 1f : 0f,
            i == 2 || i == 3 ? 1f : 0f, 0.01f * k * ((i * 7) % 11))));
      }
      spark.createDataFrame(rows, DataTypes.createStructType(List.of(
          DataTypes.createStructField("id", DataTypes.StringType, false),
          DataTypes.createStructField("vector",
              DataTypes.createArrayType(DataTypes.FloatType, false), false))))
          .coalesce(1).write().mode(SaveMode.Overwrite)
          .parquet(dir.resolve("layers/layer=" + k).toString());
    }
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("sweep", "--features", rareFeatures.toString(),
        "--representations", dir.resolve("layers") + "/layer=*", "--out", out.toString(),
        "--folds", "5", "--batch-size", "60"));
    args.addAll(SweepFixtures.quickOptions());
    SweepFixtures.Result r = SweepFixtures.cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out() + r.err());
    for (int k = 1; k <= 2; k++) {
      JsonNode run = json(out.resolve("runs/layer=" + k + "/run.json"));
      int undefined = 0;
      for (JsonNode fold : run.get("folds")) {
        if (!fold.get("spearman").isNumber() || Double.isNaN(fold.get("spearman").asDouble())) {
          undefined++;
          String name = "fold " + fold.get("fold").asInt() + " of 5: held-out Spearman is "
              + "undefined";
          assertTrue(java.util.stream.StreamSupport.stream(run.get("warnings").spliterator(),
                  false).anyMatch(w -> w.asText().startsWith(name)
                  && w.asText().contains("a, b")),
              "layer=" + k + ": a warning names the fold and the features: "
                  + run.get("warnings"));
        }
      }
      assertTrue(undefined >= 1, "layer=" + k + ": a fold without any carrier");
      assertTrue(Double.isFinite(run.get("scores").get("spearman").asDouble()),
          "the mean over the defined folds");
    }
    List<String[]> combined = combinedCsv(out);
    for (String set : List.of("layer=1", "layer=2")) {
      assertTrue(combined.stream().anyMatch(c -> c[0].equals(set) && c[9].equals("ok")
              && c[11].equals("stimulus") && c[12].equals("across folds")),
          set + " is recorded as ok with its importance kind and interval");
    }
    assertTrue(Files.exists(out.resolve("report.html")));
  }

  @Test
  void aConstantLayerIsAFailedRowAndExitCode3() throws IOException {
    Path layers = tmp.resolve("constant/layers");
    SweepFixtures.writeParquetLayer(spark, SweepFixtures.layer(1), layers.resolve("layer=1"),
        false);
    SweepFixtures.writeParquetLayer(spark, SweepFixtures.layer(2), layers.resolve("layer=2"),
        true);
    Path out = tmp.resolve("constant/out");
    SweepFixtures.Result r = sweep(layers + "/layer=*", out, "--batch-size", "200");
    assertEquals(3, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("set 2/2 layer=2: failed: "), r.out());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    List<String[]> csv = combinedCsv(out);
    String[] failed = csv.stream().filter(c -> c[0].equals("layer=2")).findFirst().orElseThrow();
    assertEquals("", failed[1], "unit is null");
    assertEquals("failed", failed[9]);
    assertFalse(failed[10].isBlank(), "a reason");
    assertEquals(1, csv.stream().filter(c -> c[0].equals("layer=2")).count());
    assertTrue(csv.stream().anyMatch(c -> c[0].equals("layer=1") && c[9].equals("ok")));
    assertFalse(Files.exists(out.resolve("runs/layer=2")));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    JsonNode set2 = json(out.resolve("sweep.json")).get("sets").get(1);
    assertEquals("failed", set2.get("status").asText());
    String reason = set2.get("reason").asText();
    assertTrue(reason.startsWith("ArithmeticException: training step 0: soft Spearman undefined"),
        reason);
    Row row = spark.read().parquet(out.resolve("combined").toString())
        .filter("set = 'layer=2'").collectAsList().get(0);
    assertEquals(reason, row.<String>getAs("reason"));
    assertEquals("failed", row.<String>getAs("status"));
    assertTrue(row.isNullAt(row.fieldIndex("unit")));

    // the report of this real sweep: self-contained, every figure drawn, every set listed
    org.jsoup.nodes.Document report =
        ReportAssertions.selfContained(out.resolve("report.html"));
    ReportAssertions.figure(report, "fig-profiles", "profiles", 2);
    ReportAssertions.figure(report, "fig-layer-scores", "layer-scores", 1);
    List<List<String>> status = ReportAssertions.rows(report, "status-table");
    assertEquals(List.of("layer=1", "layer=2"), status.stream().map(s -> s.get(0)).toList());
    assertEquals(List.of("ok", "failed"), status.stream().map(s -> s.get(1)).toList());
    assertEquals(List.of("runs/layer=1/report.html"),
        report.select("#status-table a").eachAttr("href"));
    org.jsoup.nodes.Document setReport = ReportAssertions.selfContained(
        out.resolve("runs/layer=1/report.html"));
    ReportAssertions.figure(setReport, "fig-importance", "importance", 3);
  }

  @Test
  void resultsDoNotDependOnConcurrencyLayoutOrAPlainFit() throws IOException {
    Path layers = SweepFixtures.writeLayers(spark, tmp.resolve("conc/layers"), 2);
    Path one = tmp.resolve("conc/one");
    Path two = tmp.resolve("conc/two");
    assertEquals(0, sweep(layers + "/layer=*", one, "--batch-size", "150").code());
    SweepFixtures.Result r2 =
        sweep(layers + "/layer=*", two, "--batch-size", "150", "--concurrency", "2");
    assertEquals(0, r2.code(), r2.err());
    for (String set : List.of("layer=1", "layer=2")) {
      for (String table : List.of("weights.csv", "importance_summary.csv", "scores.csv")) {
        assertArrayEquals(Files.readAllBytes(one.resolve("runs").resolve(set).resolve(table)),
            Files.readAllBytes(two.resolve("runs").resolve(set).resolve(table)),
            set + " " + table);
      }
    }
    assertArrayEquals(Files.readAllBytes(one.resolve("combined.csv")),
        Files.readAllBytes(two.resolve("combined.csv")));

    // --placement partitioned runs each set on row blocks in a cached RDD (it used to run
    // broadcast and record "partitioned"): same results, and run.json records what ran.
    Path part = tmp.resolve("conc/partitioned");
    SweepFixtures.Result rp = sweep(layers + "/layer=*", part, "--batch-size", "150",
        "--placement", "partitioned");
    assertEquals(0, rp.code(), rp.err());
    for (String set : List.of("layer=1", "layer=2")) {
      for (String t : List.of("weights.csv", "importance_summary.csv", "scores.csv")) {
        assertArrayEquals(Files.readAllBytes(one.resolve("runs").resolve(set).resolve(t)),
            Files.readAllBytes(part.resolve("runs").resolve(set).resolve(t)), set + " " + t);
      }
      assertEquals("partitioned", json(part.resolve("runs").resolve(set).resolve("run.json"))
          .path("config").path("placement").asText(), set);
      // a local sweep fits its sets with the core engine on the driver (set placement auto)
      assertEquals("in-process", json(one.resolve("runs").resolve(set).resolve("run.json"))
          .path("config").path("placement").asText(), set);
    }

    // The same sets as .npy files (rows in feature order), as one table with a layer column
    // (rows reversed) and as HDF5 datasets: same names, hence same seeds, same results.
    Path npy = tmp.resolve("conc/npy");
    for (int k = 1; k <= 2; k++) {
      SweepFixtures.writeNpy(SweepFixtures.layer(k), npy.resolve("layer=" + k + ".npy"));
    }
    Path table = SweepFixtures.writeLayerTable(spark, tmp.resolve("conc/table.parquet"), 2);
    Path fromNpy = tmp.resolve("conc/from-npy");
    Path fromTable = tmp.resolve("conc/from-table");
    SweepFixtures.Result rn = sweep(npy + "/*.npy", fromNpy, "--batch-size", "150");
    assertEquals(0, rn.code(), rn.err());
    SweepFixtures.Result rt = sweep(table.toString(), fromTable, "--batch-size", "150");
    assertEquals(0, rt.code(), rt.err());
    Path h5 = SweepFixtures.writeHdf5(tmp.resolve("conc/layers.h5"), 2);
    Path fromHdf5 = tmp.resolve("conc/from-hdf5");
    SweepFixtures.Result rh = sweep(h5.toString(), fromHdf5, "--batch-size", "150");
    assertEquals(0, rh.code(), rh.err());
    for (String set : List.of("layer=1", "layer=2")) {
      byte[] w = Files.readAllBytes(one.resolve("runs").resolve(set).resolve("weights.csv"));
      assertArrayEquals(w, Files.readAllBytes(fromNpy.resolve("runs/" + set + "/weights.csv")),
          "npy " + set);
      assertArrayEquals(w,
          Files.readAllBytes(fromTable.resolve("runs/" + set + "/weights.csv")), "table " + set);
      assertArrayEquals(w,
          Files.readAllBytes(fromHdf5.resolve("runs/" + set + "/weights.csv")), "hdf5 " + set);
    }

    // A plain fit of one set with its derived seed and the shared batch size.
    Path fit = tmp.resolve("conc/fit");
    List<String> args = new ArrayList<>(List.of("fit", "--features", features.toString(),
        "--representations", layers.resolve("layer=2").toString(), "--out", fit.toString(),
        "--batch-size", "150"));
    args.addAll(SweepFixtures.quickOptions());
    int seedAt = args.indexOf("--seed");
    args.set(seedAt + 1, Long.toString(SetSeeds.seedOf(5, "layer=2")));
    SweepFixtures.Result rf = SweepFixtures.cli(args.toArray(String[]::new));
    assertEquals(0, rf.code(), rf.err());
    for (String t : List.of("weights.csv", "importance_summary.csv", "scores.csv")) {
      assertArrayEquals(Files.readAllBytes(fit.resolve(t)),
          Files.readAllBytes(one.resolve("runs/layer=2").resolve(t)), t);
    }
  }

  @Test
  void estimateBatchSizeRoundTripsIntoASweep() throws IOException {
    Path file = tmp.resolve("bs/batch_size.json");
    SweepFixtures.Result r = SweepFixtures.cli("estimate-batch-size", "--features",
        features.toString(), "--out", file.toString(), "--seed", "5", "--master", "local[2]");
    assertEquals(0, r.code(), r.err());
    EncodedFeatures encoded =
        FeatureSchema.inferred().encode(SyntheticTables.features(SweepFixtures.layer(1)));
    SharedBatchSize expected = SharedBatchSize.estimate(encoded, 5,
        MlemConfig.builder().build().batchSizeSearch(), true);
    SharedBatchSize read =
        SharedBatchSize.read(spark.sparkContext().hadoopConfiguration(), file.toString());
    assertEquals(expected, read);
    assertEquals(expected, SharedBatchSize.parse(expected.toJson(), "x"));
    assertTrue(r.out().startsWith("batch size " + expected.batchSize() + " "), r.out());

    SweepFixtures.Result again = SweepFixtures.cli("estimate-batch-size", "--features",
        features.toString(), "--out", file.toString(), "--master", "local[2]");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("exists: " + file), again.err());

    Path layers = SweepFixtures.writeLayers(spark, tmp.resolve("bs/layers"), 1);
    Path out = tmp.resolve("bs/out");
    SweepFixtures.Result s = sweep(layers + "/layer=*", out, "--batch-size-file",
        file.toString());
    assertEquals(0, s.code(), s.err());
    assertEquals(expected, SharedBatchSize.read(spark.sparkContext().hadoopConfiguration(),
        out.resolve("batch_size.json").toString()));
    assertEquals(expected.batchSize(),
        json(out.resolve("runs/layer=1/run.json")).get("batch_size").asInt());

    SweepFixtures.Result mismatch = sweep(layers + "/layer=*", tmp.resolve("bs/out2"),
        "--batch-size-file", file.toString(), "--feature-columns",
        String.join(",", encoded.names().subList(0, 2)));
    assertEquals(2, mismatch.code(), mismatch.err());
    assertTrue(mismatch.err().contains("batch-size file " + file + " was estimated for the "
        + "features " + encoded.names()), mismatch.err());
  }

  @Test
  void badPatternsAndOptionsExitWith2() throws IOException {
    Path out = tmp.resolve("bad/out");
    SweepFixtures.Result none = sweep(tmp.resolve("bad/nothing") + "/layer=*", out);
    assertEquals(2, none.code(), none.err());
    assertTrue(none.err().contains("representations pattern " + tmp.resolve("bad/nothing")
        + "/layer=* matches nothing"), none.err());

    Path single = tmp.resolve("bad/single.parquet");
    SweepFixtures.writeParquetLayer(spark, SweepFixtures.layer(1), single, false);
    SweepFixtures.Result one = sweep(single.toString(), out);
    assertEquals(2, one.code(), one.err());
    assertTrue(one.err().contains("representations " + single
        + " is one Parquet table without a 'layer' column (columns: id, vector)"), one.err());

    SweepFixtures.Result missing = SweepFixtures.cli("sweep", "--features",
        tmp.resolve("bad/none.csv").toString(), "--representations", single + "/*",
        "--out", out.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("features file not found: " + tmp.resolve("bad/none.csv")),
        missing.err());

    SweepFixtures.Result zero = sweep(single.toString(), out, "--concurrency", "-1");
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("--concurrency must be >= 0, found -1"), zero.err());
    assertNotNull(zero.err());
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
  }
}
