package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticColumn;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.fit.ChosenSplit;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.NpyTestFiles;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * --split-column, --split-file and --train-size through the command line on a small generated
 * dataset: the given train/test stimuli are exactly those analysed (checked by id), fold ids
 * give one fold each, run.json records the split and the split file's SHA-256 (computed here
 * with the JDK's digest), --train-size all is the fit without the option bit for bit, and each
 * bad input exits with 2, one line, nothing written.
 */
class SplitOptionsTest {
  private static final int N = 40;
  private static final String[] FIT = {"--seed", "5", "--batch-size", "200", "--max-steps", "15",
      "--patience", "5", "--permutations", "2", "--threads", "2", "--master", "local[2]",
      "--no-report"};

  private static SparkSession spark;
  private static SyntheticDataset data;
  private static Path features;
  private static Path representations;
  private static Path npy;
  private static List<String> testIds;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "SplitOptionsTest");
    data = SimulationStudy.generate(N, 3, 6, 0.2, 9);
    StringBuilder f = new StringBuilder("id");
    for (SyntheticColumn c : data.features()) {
      f.append(',').append(c.name());
    }
    f.append(",split,fold\n");
    StringBuilder r = new StringBuilder("id");
    for (int d = 0; d < data.dims(); d++) {
      r.append(",v").append(d);
    }
    r.append('\n');
    testIds = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      String id = data.ids().get(i);
      f.append(id);
      for (SyntheticColumn c : data.features()) {
        f.append(',').append(c.categories()[i]);
      }
      // every 4th stimulus (from 1) is a test stimulus; folds 7, 8, 9 by position
      boolean test = i % 4 == 1;
      if (test) {
        testIds.add(id);
      }
      f.append(',').append(test ? "test" : "train").append(',').append(7 + i % 3).append('\n');
      r.append(id);
      for (int d = 0; d < data.dims(); d++) {
        r.append(',').append(data.representations()[i * data.dims() + d]);
      }
      r.append('\n');
    }
    features = Files.writeString(tmp.resolve("features.csv"), f.toString());
    representations = Files.writeString(tmp.resolve("reps.csv"), r.toString());
    // the same vectors as .npy in the feature table's order: fits run on the in-process engine
    double[] values = new double[data.representations().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = data.representations()[i];
    }
    npy = tmp.resolve("reps.npy");
    NpyTestFiles.write(npy, values, new int[] {N, data.dims()}, "<f4", false, 1);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  /** mlem fit on the in-process engine (CSV features, .npy representations). */
  private static Result fit(Path out, String... extra) {
    return fitOn(npy, out, extra);
  }

  /** mlem fit of the given representations (CSV: on Spark). */
  private static Result fitOn(Path reps, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("fit", "--features", features.toString(),
        "--representations", reps.toString(), "--out", out.toString()));
    args.addAll(List.of(FIT));
    args.addAll(List.of(extra));
    return cli(args.toArray(new String[0]));
  }

  private static String columns() {
    List<String> names = new ArrayList<>();
    for (SyntheticColumn c : data.features()) {
      names.add(c.name());
    }
    return String.join(",", names);
  }

  private static Path splitFile(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  private static List<String> ids(List<String> all, int[] indices) {
    List<String> out = new ArrayList<>();
    for (int i : indices) {
      out.add(all.get(i));
    }
    return out;
  }

  private static List<StimulusSplit> splitsOf(String... args) {
    List<String> all = new ArrayList<>(List.of("--features", features.toString(),
        "--representations", representations.toString(), "--out", "unused"));
    all.addAll(List.of(args));
    FitSettings s = MlemCli.resolveFit(all.toArray(new String[0]));
    LoadedInputs loaded = InputLoader.load(spark, s.features(), s.representations());
    return ChosenSplit.of(s, loaded.features(), s.split().read(spark,
        spark.sparkContext().hadoopConfiguration(), s.features())).mlem()
        .splits(loaded.features().size());
  }

  @Test
  void aSplitColumnGivesExactlyTheLabelledTestStimuliAndIsNoFeature() {
    String[] args = {"--split-column", "split", "--feature-columns", columns()};
    List<StimulusSplit> splits = splitsOf(args);
    assertEquals(1, splits.size());
    assertEquals(testIds, ids(data.ids(), splits.get(0).test()));
    assertEquals(N - testIds.size(), splits.get(0).train().length);
    // without --feature-columns, every column but the id and the split column is a feature
    FitSettings s = MlemCli.resolveFit("--features", features.toString(), "--representations",
        representations.toString(), "--out", "unused", "--split-column", "split");
    LoadedInputs loaded = InputLoader.load(spark, s.features(), s.representations());
    assertFalse(loaded.features().names().stream().anyMatch(n -> n.startsWith("split")),
        loaded.features().names().toString());
  }

  @Test
  void aFoldColumnGivesOneFoldPerId() {
    List<StimulusSplit> splits = splitsOf("--split-column", "fold", "--feature-columns",
        columns());
    assertEquals(3, splits.size());
    for (int k = 0; k < 3; k++) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        if (i % 3 == k) {
          expected.add(data.ids().get(i));
        }
      }
      assertEquals(expected, ids(data.ids(), splits.get(k).test()), "fold " + (7 + k));
      assertEquals(N - expected.size(), splits.get(k).train().length);
    }
  }

  @Test
  void aSplitFileIsRecordedWithItsSha256AndGivesItsStimuli() throws Exception {
    StringBuilder text = new StringBuilder("id\tsplit\n");
    // listed in reverse order: matched by id, not by row
    for (int i = N - 1; i >= 0; i--) {
      text.append(data.ids().get(i)).append('\t').append(i < 10 ? "test" : "train")
          .append('\n');
    }
    Path file = splitFile("split.tsv", text.toString());
    List<StimulusSplit> splits = splitsOf("--split-file", file.toString(), "--feature-columns",
        columns());
    assertEquals(data.ids().subList(0, 10), ids(data.ids(), splits.get(0).test()));

    Path out = tmp.resolve("with-file");
    Result r = fit(out, "--split-file", file.toString(), "--feature-columns", columns());
    assertEquals(0, r.code(), r.err());
    assertEquals("in-process", new ObjectMapper().readTree(out.resolve("run.json").toFile())
        .get("config").get("placement").asText());
    assertTrue(r.out().contains("split: train/test (30 train, 10 test) from split file "), r.out());
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertEquals(file.toString(), run.get("config").get("split-file").asText());
    assertTrue(run.get("config").get("split").asText().startsWith("train/test (30 train, 10 test)"));
    JsonNode fold = run.get("folds").get(0);
    assertEquals(30, fold.get("train_stimuli").asInt());
    assertEquals(10, fold.get("test_stimuli").asInt());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
    boolean recorded = false;
    for (JsonNode input : run.get("inputs")) {
      if (input.get("role").asText().equals("split file")) {
        assertEquals(file.toString(), input.get("uri").asText());
        assertEquals(sha, input.get("sha256").asText());
        recorded = true;
      }
    }
    assertTrue(recorded, "the split file is among the inputs: " + run.get("inputs"));
  }

  @Test
  void foldsFromAColumnAreFittedEndToEnd() throws IOException {
    Path out = tmp.resolve("fold-column");
    Result r = fitOn(representations, out, "--split-column", "fold", "--feature-columns",
        columns());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("training fold 3/3"), r.out());
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertEquals("broadcast", run.get("config").get("placement").asText(), "on Spark");
    assertEquals(3, run.get("folds").size());
    assertEquals("fold", run.get("config").get("split-column").asText());
    int tested = 0;
    for (JsonNode fold : run.get("folds")) {
      tested += fold.get("test_stimuli").asInt();
    }
    assertEquals(N, tested, "every stimulus is tested once");
  }

  @Test
  void aSplitColumnIsReadWithoutSparkOnTheInProcessEngine() throws IOException {
    Path out = tmp.resolve("column-in-process");
    Result r = fit(out, "--split-column", "split");
    assertEquals(0, r.code(), r.err());
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertEquals("in-process", run.get("config").get("placement").asText());
    assertEquals(testIds.size(), run.get("folds").get(0).get("test_stimuli").asInt());
    String weights = Files.readString(out.resolve("weights.csv"));
    assertTrue(weights.contains("fold"), "the other columns are features");
    assertFalse(weights.contains("split"), "the split column is no feature: " + weights);
  }

  /** A Parquet feature table is read on the driver too, its split column with it. */
  @Test
  void aSplitColumnOfAParquetFeatureTableIsReadWithoutSparkToo() throws IOException {
    Path parquet = tmp.resolve("features.parquet");
    spark.read().option("header", "true").option("inferSchema", "true").csv(features.toString())
        .coalesce(1).write()
        .parquet(parquet.toString());
    Path fromCsv = tmp.resolve("column-csv");
    Path fromParquet = tmp.resolve("column-parquet");
    assertEquals(0, fit(fromCsv, "--split-column", "split").code());
    List<String> args = new ArrayList<>(List.of("fit", "--features", parquet.toString(),
        "--representations", npy.toString(), "--out", fromParquet.toString(), "--split-column",
        "split"));
    args.addAll(List.of(FIT));
    Result r = cli(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode run = new ObjectMapper().readTree(fromParquet.resolve("run.json").toFile());
    assertEquals("in-process", run.get("config").get("placement").asText());
    for (String table : List.of("weights.csv", "importance.csv", "scores.csv")) {
      assertEquals(Files.readString(fromCsv.resolve(table)),
          Files.readString(fromParquet.resolve(table)), table);
    }
  }

  @Test
  void trainSizeAllIsTheFitWithoutTheOptionAndNKeepsTheTestStimuli() throws IOException {
    Path plain = tmp.resolve("plain");
    Path all = tmp.resolve("all");
    Path twelve = tmp.resolve("twelve");
    assertEquals(0, fit(plain, "--feature-columns", columns()).code());
    assertEquals(0, fit(all, "--feature-columns", columns(), "--train-size", "all").code());
    Result r = fit(twelve, "--feature-columns", columns(), "--train-size", "12");
    assertEquals(0, r.code(), r.err());
    for (String table : List.of("weights.csv", "importance.csv", "scores.csv")) {
      assertEquals(Files.readString(plain.resolve(table)), Files.readString(all.resolve(table)),
          table);
    }
    assertFalse(Files.readString(plain.resolve("weights.csv"))
        .equals(Files.readString(twelve.resolve("weights.csv"))));
    ObjectMapper json = new ObjectMapper();
    JsonNode p = json.readTree(plain.resolve("run.json").toFile());
    JsonNode t = json.readTree(twelve.resolve("run.json").toFile());
    assertEquals("all", p.get("config").get("train-size").asText());
    assertEquals("12", t.get("config").get("train-size").asText());
    assertEquals(12, t.get("folds").get(0).get("train_stimuli").asInt());
    assertEquals(p.get("folds").get(0).get("test_stimuli"), t.get("folds").get(0)
        .get("test_stimuli"));
  }

  private static void assertRefused(String expected, String... extra) {
    Path out = tmp.resolve("bad-" + System.nanoTime());
    Result r = fit(out, extra);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void badSplitsExitWithTwoAndWriteNothing() throws IOException {
    String cols = columns();
    assertRefused("--split-column split and --split-file x.csv are mutually exclusive",
        "--split-column", "split", "--split-file", "x.csv");
    assertRefused("--split-column split and --folds 3 are mutually exclusive",
        "--split-column", "split", "--folds", "3");
    assertRefused("and --test-fraction 0.3 are mutually exclusive",
        "--split-file", "x.csv", "--test-fraction", "0.3");
    assertRefused("--split-column split is also listed in --feature-columns",
        "--split-column", "split", "--feature-columns", cols + ",split");
    assertRefused("split column", "--split-column", "nosuch", "--feature-columns", cols);

    StringBuilder unknown = new StringBuilder("id,split\n");
    StringBuilder missing = new StringBuilder("id,split\n");
    StringBuilder extra = new StringBuilder("id,split\n");
    StringBuilder small = new StringBuilder("id,fold\n");
    for (int i = 0; i < N; i++) {
      String id = data.ids().get(i);
      unknown.append(id).append(',').append(i == 3 || i == 5 ? "validation" : i < 10 ? "test"
          : "train").append('\n');
      if (i >= 3) {
        missing.append(id).append(',').append(i < 10 ? "test" : "train").append('\n');
      }
      extra.append(id).append(',').append(i < 10 ? "test" : "train").append('\n');
      small.append(id).append(',').append(i == 0 ? 3 : i % 2).append('\n');
    }
    extra.append("ghost1,train\nghost2,test\n");
    assertRefused("2 stimuli have an unknown split value: 'validation' (e.g. id "
        + data.ids().get(3) + ")", "--split-file",
        splitFile("unknown.csv", unknown.toString()).toString(), "--feature-columns", cols);
    assertRefused("3 of the 40 analysed stimuli have no split label, e.g. " + data.ids().get(0)
        + ", " + data.ids().get(1) + ", " + data.ids().get(2), "--split-file",
        splitFile("missing.csv", missing.toString()).toString(), "--feature-columns", cols);
    assertRefused("2 ids are not among the 40 analysed stimuli, e.g. ghost1, ghost2",
        "--split-file", splitFile("extra.csv", extra.toString()).toString(),
        "--feature-columns", cols);
    assertRefused("fold 3 has 1 stimulus", "--split-file",
        splitFile("small.csv", small.toString()).toString(), "--feature-columns", cols);
    assertRefused("split file", "--split-file", tmp.resolve("nosuch.csv").toString(),
        "--feature-columns", cols);
    assertRefused("line 3 has 3 fields", "--split-file",
        splitFile("fields.csv", "id,split\na,train\nb,test,x\n").toString(),
        "--feature-columns", cols);
    assertRefused("train-size 33 exceeds the 32 training stimuli of the split",
        "--train-size", "33", "--feature-columns", cols);
    assertRefused("--train-size must be all (0) or >= 4", "--train-size", "3",
        "--feature-columns", cols);
  }
}
