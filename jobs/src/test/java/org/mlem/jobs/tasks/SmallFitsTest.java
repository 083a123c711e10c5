package org.mlem.jobs.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.Representations;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.sweep.SweepFixtures;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * Many small fits as Spark tasks ({@link SmallFits}) give, for each set, the numbers that
 * {@code mlem fit --engine in-process} writes for that set alone (its columns as a file, the
 * same seed and batch size), bit for bit; on one or two task threads, with a task that fails
 * once and is retried; and a degenerate set is a failed result with its reason, not a failed job.
 */
class SmallFitsTest {
  private static final int BATCH = 400;
  private static final String PERMUTATIONS = "3";

  @TempDir static Path dir;
  private static LoadedInputs loaded;
  private static MlemConfig config;
  private static NeuralDistance distance;

  @BeforeAll
  static void data() throws IOException {
    SweepFixtures.writeFeatures(dir.resolve("features.csv"));
    SweepFixtures.writeNpy(SweepFixtures.layer(1), dir.resolve("all.npy"));
    FitSettings s = FitSettings.resolve(Map.of("features", dir.resolve("features.csv")
        .toString(), "representations", dir.resolve("all.npy").toString(), "out",
        dir.resolve("unused").toString(), "permutations", PERMUTATIONS));
    Optional<LoadedInputs> read = InputLoader.loadWithoutSpark(new Configuration(),
        s.features(), s.representations(), s.idsFrom());
    loaded = read.orElseThrow();
    config = s.config().toBuilder().batchSize(BATCH).build();
    distance = s.distance();
  }

  /** {@code mlem fit} in process on the given columns; returns importance_summary.csv's text. */
  private static String fitAlone(int[] columns, long seed, String name) throws IOException {
    Representations sub = loaded.representations().columns(columns);
    Path npy = dir.resolve(name + ".npy");
    writeNpy(sub, npy);
    Path run = dir.resolve("run-" + name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "fit", "--features",
        dir.resolve("features.csv").toString(), "--representations", npy.toString(), "--out",
        run.toString(), "--engine", "in-process", "--seed", Long.toString(seed),
        "--batch-size", Integer.toString(BATCH), "--permutations", PERMUTATIONS, "--no-report",
        "--quiet");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return Files.readString(run.resolve("importance_summary.csv"));
  }

  private static void writeNpy(Representations r, Path file) throws IOException {
    int n = r.size();
    int d = r.dims();
    float[] data = r.data();
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d
        + "), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10 + header.length() + n * d * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    for (float v : data) {
      buf.putFloat(v);
    }
    Files.write(file, buf.array());
  }

  /** The unit,mean,ci_low,ci_high values of a result, as importance_summary.csv lists them. */
  private static List<String> summaryOf(SmallFitResult r) {
    List<String> lines = new ArrayList<>();
    for (int u = 0; u < r.units().length; u++) {
      lines.add(r.units()[u] + "|" + r.mean()[u] + "|" + r.ciLow()[u] + "|" + r.ciHigh()[u]);
    }
    return lines;
  }

  private static List<String> summaryOf(String csv) {
    List<String> lines = new ArrayList<>();
    String[] rows = csv.split("\n");
    List<String> header = List.of(rows[0].split(","));
    for (int k = 1; k < rows.length; k++) {
      String[] f = rows[k].split(",");
      lines.add(f[header.indexOf("unit")] + "|" + Double.parseDouble(f[header.indexOf("mean")])
          + "|" + Double.parseDouble(f[header.indexOf("ci_low")]) + "|"
          + Double.parseDouble(f[header.indexOf("ci_high")]));
    }
    return lines;
  }

  private static List<SmallFit> fits() {
    return List.of(new SmallFit("a", new int[] {0, 1, 2}, 101L),
        new SmallFit("b", new int[] {1, 3, 4, 5}, 202L),
        new SmallFit("c", new int[] {0, 2, 4}, 303L),
        new SmallFit("d", new int[] {2, 5}, 404L));
  }

  private static List<SmallFitResult> runOn(String master, Map<String, String> conf) {
    SparkSession.Builder b = SparkTestSession.builder(master, "small-fits-test");
    conf.forEach(b::config);
    SparkSession spark = b.getOrCreate();
    try (SmallFits fits = new SmallFits(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        loaded.features(), loaded.representations(), config, distance)) {
      return fits.run(fits(), 3);
    } finally {
      spark.stop();
    }
  }

  @Test
  void eachSetIsBitIdenticalToMlemFitOfThatSetAloneOnAnyMasterAndWithARetriedTask()
      throws IOException {
    List<List<SmallFitResult>> runs = List.of(runOn("local[1]", Map.of()),
        runOn("local[2]", Map.of()),
        runOn("local[2,2]", Map.of(SmallFits.FAIL_FIRST_ATTEMPT, "1")));
    List<SmallFit> fits = fits();
    for (int k = 0; k < fits.size(); k++) {
      SmallFit f = fits.get(k);
      List<String> alone = summaryOf(fitAlone(f.columns(), f.seed(), f.name()));
      assertFalse(alone.isEmpty());
      for (List<SmallFitResult> run : runs) {
        SmallFitResult r = run.get(k);
        assertEquals(f.name(), r.name());
        assertTrue(r.ok(), r.reason());
        assertEquals(f.columns().length, r.columns());
        assertEquals(alone, summaryOf(r), "set " + f.name());
      }
    }
    // different sets, different numbers: the comparison above can fail
    assertFalse(summaryOf(runs.get(0).get(0)).equals(summaryOf(runs.get(0).get(1))));
  }

  @Test
  void aConstantSetIsAFailedResultWithItsReason() {
    float[] constant = new float[loaded.representations().size() * 2];
    java.util.Arrays.fill(constant, 1f);
    Representations reps = Representations.of(loaded.representations().ids(), constant, 2);
    SmallFitResult r = SmallFits.fitOne(loaded.features(), reps, config,
        distance, new SmallFit("flat", new int[] {0, 1}, 5L));
    assertFalse(r.ok());
    assertTrue(r.reason() != null && !r.reason().isBlank(), String.valueOf(r.reason()));
    assertEquals(0, r.units().length);
    assertTrue(Double.isNaN(r.spearman()));
  }

  @Test
  void aBatchSizeMustBeShared() {
    MlemConfig estimated = config.toBuilder().batchSize(0).build();
    SparkSession spark = SparkTestSession.local(1, "small-fits-batch");
    try {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> new SmallFits(
              JavaSparkContext.fromSparkContext(spark.sparkContext()), loaded.features(),
              loaded.representations(), estimated, distance));
      assertTrue(e.getMessage().contains("batch size"), e.getMessage());
    } finally {
      spark.stop();
    }
  }

  @Test
  void columnsKeepsTheChosenDimensionsInOrder() {
    Representations r = Representations.of(List.of("x", "y"), new float[] {1, 2, 3, 4, 5, 6},
        3);
    Representations sub = r.columns(new int[] {2, 0});
    assertEquals(2, sub.dims());
    assertArrayEquals(new float[] {3, 1, 6, 4}, sub.data());
    assertEquals(List.of("x", "y"), sub.ids());
  }
}
