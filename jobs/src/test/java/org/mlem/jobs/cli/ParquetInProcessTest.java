package org.mlem.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.io.FeatureInput;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * Parquet representations read on the driver without Spark ({@code PlainParquet}): a single
 * file, a Spark-written directory of several part files (rows shuffled across them) and wide
 * columns with integer ids read exactly (bit for bit, same stimulus order after the id join) as
 * the Spark path reads them, and so are Parquet feature tables (same stimulus order, encoding);
 * {@code mlem fit --engine auto} on them fits in process and writes
 * the Spark engine's run tables; bad files fail as on Spark (exit 2, the file and the id named,
 * nothing written); layouts that are not plain (an ML Vector column, a partitioned directory)
 * still go through Spark. The expected values are Spark's own reads of the same files.
 */
class ParquetInProcessTest {
  private static SparkSession spark;
  private static final Configuration CONF = new Configuration();

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "ParquetInProcessTest");
    SyntheticDataset data = SimulationStudy.generate(60, 3, 8, 0.5, 4);
    DemoData.write(spark, data, dir("data"));
    DemoData.write(CONF, data, dir("plain-data"));
    Dataset<Row> reps = spark.read().parquet(dir("data/representations.parquet"));
    // a single file: the demo's one part file on its own
    try (Stream<Path> files = Files.list(tmp.resolve("data/representations.parquet"))) {
      Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
          .orElseThrow();
      Files.copy(part, tmp.resolve("single.parquet"));
    }
    // several part files, rows shuffled across them, values as doubles that float32 rounds
    write(reps.withColumn("vector", expr("transform(vector, x -> cast(x as double) / 3)"))
        .repartition(3), "parts.parquet");
    // another codec (zstd, from the jars Spark ships)
    reps.repartition(2).write().option("compression", "zstd").mode(SaveMode.Overwrite)
        .parquet(dir("zstd.parquet"));
    // wide columns (float, double, int) with integer ids; features with the same ids as text
    write(reps.select(expr("cast(substring(id, 2) as int) as id"),
        expr("vector[0] as d0"), expr("cast(vector[1] as double) / 7 as d1"),
        expr("cast(vector[2] * 100 as int) as d2"), expr("vector[3] as d3"))
        .orderBy(col("id").desc()).repartition(2), "wide.parquet");
    List<String> lines = Files.readAllLines(tmp.resolve("data/features.csv"));
    List<String> numbered = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      numbered.add(line.substring(1));
    }
    Files.write(tmp.resolve("numbered.csv"), numbered);
    // feature tables as Parquet: one part file; several, with integer ids, a number with a
    // missing value and a boolean
    Dataset<Row> features = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(dir("data/features.csv"));
    write(features.coalesce(1), "features.parquet");
    write(features.withColumn("level", expr("if(id = 's3', null, cast(length(id) as double))"))
        .withColumn("odd", expr("id like '%1'"))
        .withColumn("id", expr("cast(substring(id, 2) as int)")).repartition(3),
        "features-parts.parquet");
    // bad files, each a Spark-written directory
    write(reps.withColumn("vector", expr("if(id = 's5', transform(vector, (x, i) ->"
        + " if(i = 2, cast('NaN' as float), x)), vector)")).coalesce(1), "nan.parquet");
    write(reps.withColumn("vector", expr("if(id = 's7', slice(vector, 1, 7), vector)"))
        .coalesce(1), "ragged.parquet");
    write(reps.withColumn("id", expr("if(id = 's9', 's8', id)")).coalesce(1),
        "duplicate.parquet");
    // several part files: the message names the first row's id, so the file order shows
    write(reps.withColumn("vector", expr("if(id = 's7', slice(vector, 1, 7), vector)"))
        .repartition(3), "ragged-parts.parquet");
    write(reps.withColumn("vector", expr("if(id = 's6', transform(vector, (x, i) ->"
        + " if(i = 1, null, x)), vector)")).coalesce(1), "null-element.parquet");
    write(reps.withColumn("vector", expr("if(id = 's2', null, vector)")).coalesce(1),
        "null-vector.parquet");
    write(reps.filter("id != 's4'").repartition(2), "missing.parquet");
    Files.writeString(tmp.resolve("text.parquet"), "id,vector\ns0,1\n");
    // not plain: an ML Vector column; a partitioned directory
    List<Row> rows = new ArrayList<>();
    for (Row row : reps.collectAsList()) {
      List<Float> v = row.getList(1);
      double[] values = new double[v.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = v.get(c);
      }
      rows.add(RowFactory.create(row.getString(0), Vectors.dense(values)));
    }
    StructType vectorSchema = new StructType().add("id", DataTypes.StringType)
        .add("vector", SQLDataTypes.VectorType());
    write(spark.createDataFrame(rows, vectorSchema).coalesce(1), "ml-vector.parquet");
    reps.withColumn("half", expr("cast(substring(id, 2) as int) % 2")).write()
        .partitionBy("half").mode(SaveMode.Overwrite).parquet(dir("by-half.parquet"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String dir(String name) {
    return tmp.resolve(name).toString();
  }

  private static void write(Dataset<Row> frame, String name) {
    frame.write().mode(SaveMode.Overwrite).parquet(dir(name));
  }

  private static FeatureInput features(String name) {
    return new FeatureInput(dir(name), InputFormat.AUTO, null, List.of(), Map.of(), 0);
  }

  private static RepresentationInput representations(String name) {
    return new RepresentationInput(dir(name), InputFormat.AUTO, null, null, null, null);
  }

  private static Optional<LoadedInputs> onDriver(String features, String representations) {
    return InputLoader.loadWithoutSpark(CONF, features(features), representations(
        representations), IdsFrom.REFUSE);
  }

  private static LoadedInputs withSpark(String features, String representations) {
    return InputLoader.load(spark, features(features), representations(representations));
  }

  private static int[] bits(Representations reps) {
    float[] data = reps.data();
    int[] bits = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      bits[i] = Float.floatToRawIntBits(data[i]);
    }
    return bits;
  }

  private static void assertReadAsSparkReads(String features, String representations) {
    Representations mine = onDriver(features, representations).orElseThrow().representations();
    Representations theirs = withSpark(features, representations).representations();
    assertEquals(theirs.ids(), mine.ids(), representations);
    assertEquals(theirs.dims(), mine.dims(), representations);
    assertArrayEquals(bits(theirs), bits(mine), representations);
  }

  @Test
  void plainTablesReadOnTheDriverAsSparkReadsThem() throws IOException {
    assertReadAsSparkReads("data/features.csv", "single.parquet");
    assertReadAsSparkReads("data/features.csv", "data/representations.parquet");
    assertReadAsSparkReads("data/features.csv", "parts.parquet");
    assertReadAsSparkReads("numbered.csv", "wide.parquet");
    assertReadAsSparkReads("data/features.csv", "zstd.parquet");
    long parts;
    try (Stream<Path> files = Files.list(tmp.resolve("parts.parquet"))) {
      parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
    assertEquals(3, parts, "several part files");
    // the file's row order is not the features' (the join reorders): as read, before the join,
    // the part files are taken by name, rows in file order, as Spark's path sorts them
    Representations joined = onDriver("data/features.csv", "parts.parquet").orElseThrow()
        .representations();
    assertEquals(withSpark("data/features.csv", "data/representations.parquet").features().ids(),
        joined.ids());
    Representations wide = onDriver("numbered.csv", "wide.parquet").orElseThrow()
        .representations();
    assertEquals(4, wide.dims());
    // a double that float32 rounds: not the float itself (a cast that kept it would fail here)
    float s0 = withSpark("data/features.csv", "single.parquet").representations().value(0, 1);
    assertEquals((float) ((double) s0 / 3),
        onDriver("data/features.csv", "parts.parquet").orElseThrow().representations()
            .value(0, 1));
  }

  /**
   * The demo's files written without Spark are the Spark-written ones as Spark reads them (the
   * same schema, the same rows in the same order, the same features file) and as the driver
   * reads them, so the demo's in-process fit sees the data its Spark fit saw.
   */
  @Test
  void theDemosTableWrittenWithoutSparkIsTheOneSparkWrites() throws IOException {
    Dataset<Row> theirs = spark.read().parquet(dir("data/representations.parquet"));
    Dataset<Row> mine = spark.read().parquet(dir("plain-data/representations.parquet"));
    assertEquals(theirs.schema(), mine.schema());
    assertEquals(theirs.collectAsList(), mine.collectAsList());
    assertEquals(Files.readString(tmp.resolve("data/features.csv")),
        Files.readString(tmp.resolve("plain-data/features.csv")));
    assertTrue(Files.exists(tmp.resolve("plain-data/representations.parquet/_SUCCESS")));
    assertReadAsSparkReads("plain-data/features.csv", "plain-data/representations.parquet");
    assertArrayEquals(
        bits(withSpark("data/features.csv", "data/representations.parquet").representations()),
        bits(onDriver("plain-data/features.csv", "plain-data/representations.parquet")
            .orElseThrow().representations()));
    // written again over itself: replaced, not appended to
    DemoData.write(CONF, SimulationStudy.generate(60, 3, 8, 0.5, 4), dir("plain-data"));
    assertEquals(theirs.collectAsList(),
        spark.read().parquet(dir("plain-data/representations.parquet")).collectAsList());
  }

  @Test
  void plainFeatureTablesReadOnTheDriverAsSparkReadsThem() {
    for (String[] inputs : new String[][] {{"features.parquet", "single.parquet"},
        {"features-parts.parquet", "wide.parquet"}}) {
      EncodedFeatures mine = onDriver(inputs[0], inputs[1]).orElseThrow().features();
      EncodedFeatures theirs = withSpark(inputs[0], inputs[1]).features();
      assertEquals(theirs.ids(), mine.ids(), inputs[0]);
      assertEquals(theirs.names(), mine.names(), inputs[0]);
      assertEquals(theirs.summary(), mine.summary(), inputs[0]);
      int n = theirs.size();
      int f = theirs.featureCount();
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double[] a = new double[f];
          double[] b = new double[f];
          theirs.delta(i, j, a, 0);
          mine.delta(i, j, b, 0);
          assertArrayEquals(a, b, inputs[0] + " pair " + i + "," + j);
        }
      }
    }
    EncodedFeatures parts = onDriver("features-parts.parquet", "wide.parquet").orElseThrow()
        .features();
    assertFalse(parts.ids().equals(onDriver("features.parquet", "single.parquet").orElseThrow()
        .features().ids().stream().map(id -> id.substring(1)).toList()),
        "the part files hold the rows shuffled");
  }

  @Test
  void badFilesFailWithTheSparkPathsMessage() {
    for (String[] bad : new String[][] {{"nan.parquet", "'s5' has NaN in column 2"},
        {"ragged.parquet", "ragged representations: stimulus 's7' has 7 values"},
        {"duplicate.parquet", "duplicate ids: s8"},
        {"ragged-parts.parquet", "ragged representations: stimulus 's7' has 7 values"},
        {"null-element.parquet", "stimulus 's6': element 1 of the array is null"},
        {"null-vector.parquet", "stimulus 's2' has a null representation"},
        {"missing.parquet", "s4"}}) {
      InputException mine = assertThrows(InputException.class,
          () -> onDriver("data/features.csv", bad[0]), bad[0]);
      InputException theirs = assertThrows(InputException.class,
          () -> withSpark("data/features.csv", bad[0]), bad[0]);
      assertEquals(theirs.getMessage(), mine.getMessage());
      assertTrue(mine.getMessage().contains(dir(bad[0])), mine.getMessage());
      assertTrue(mine.getMessage().contains(bad[1]), mine.getMessage());
    }
    // --ids-from: the same stimuli kept and the same warning
    LoadedInputs mine = InputLoader.loadWithoutSpark(CONF, features("data/features.csv"),
        representations("missing.parquet"), IdsFrom.REPRESENTATIONS).orElseThrow();
    LoadedInputs theirs = InputLoader.load(spark, features("data/features.csv"),
        representations("missing.parquet"), IdsFrom.REPRESENTATIONS);
    assertEquals(59, mine.representations().size());
    assertEquals(theirs.representations().ids(), mine.representations().ids());
    assertArrayEquals(bits(theirs.representations()), bits(mine.representations()));
    assertEquals(theirs.warnings(), mine.warnings());
    assertFalse(mine.warnings().isEmpty());
    InputException notParquet = assertThrows(InputException.class,
        () -> onDriver("data/features.csv", "text.parquet"));
    InputException viaSpark = assertThrows(InputException.class,
        () -> withSpark("data/features.csv", "text.parquet"));
    assertTrue(notParquet.getMessage().startsWith("cannot read the representations file "
        + dir("text.parquet") + " as parquet: "), notParquet.getMessage());
    assertTrue(notParquet.getMessage().contains("is not a Parquet file"),
        notParquet.getMessage());
    assertEquals(viaSpark.getMessage(), notParquet.getMessage());
  }

  @Test
  void aTableBeyondTheBudgetIsLeftToSparkUnread() {
    long matrix = 60L * 8 * Float.BYTES;
    assertTrue(InputLoader.loadWithoutSpark(CONF, features("data/features.csv"),
        representations("parts.parquet"), IdsFrom.REFUSE, matrix).isPresent());
    assertTrue(InputLoader.loadWithoutSpark(CONF, features("data/features.csv"),
        representations("parts.parquet"), IdsFrom.REFUSE, matrix - 1).isEmpty());
    // unread: a broken table beyond the budget raises nothing here (Spark reads it, and fails)
    assertTrue(InputLoader.loadWithoutSpark(CONF, features("data/features.csv"),
        representations("nan.parquet"), IdsFrom.REFUSE, matrix - 1).isEmpty());
  }

  @Test
  void layoutsThatAreNotPlainAreLeftToSpark() {
    assertTrue(onDriver("data/features.csv", "ml-vector.parquet").isEmpty());
    assertTrue(onDriver("data/features.csv", "by-half.parquet").isEmpty());
    // and Spark reads them as before
    assertEquals(60, withSpark("data/features.csv", "ml-vector.parquet").representations()
        .size());
  }

  private record Result(int code, String out, String err) {}

  private static Result fit(Path out, String features, String representations,
      String... extra) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("fit", "--features", dir(features),
        "--representations", dir(representations), "--out", out.toString(), "--master",
        "local[2]", "--seed", "3", "--max-steps", "15", "--patience", "5", "--permutations", "2",
        "--interactions", "--no-report"));
    args.addAll(List.of(extra));
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  private static String placement(Path run) throws IOException {
    String json = Files.readString(run.resolve("run.json"));
    int at = json.indexOf("\"placement\"");
    return json.substring(at, json.indexOf('\n', at));
  }

  @Test
  void autoFitsPlainParquetInProcessAndWritesTheSparkEnginesTables() throws IOException {
    for (String[] inputs : new String[][] {{"data/features.csv", "single.parquet"},
        {"features.parquet", "parts.parquet"}}) {
      String reps = inputs[1];
      Path local = tmp.resolve("auto-" + reps);
      Path viaSpark = tmp.resolve("spark-" + reps);
      Result a = fit(local, inputs[0], reps);
      assertEquals(0, a.code(), a.err());
      Result b = fit(viaSpark, inputs[0], reps, "--engine", "spark");
      assertEquals(0, b.code(), b.err());
      assertTrue(placement(local).contains("in-process"), placement(local));
      assertTrue(placement(viaSpark).contains("broadcast"), placement(viaSpark));
      for (String table : List.of("weights.csv", "importance.csv", "importance_summary.csv",
          "scores.csv")) {
        assertEquals(Files.readString(viaSpark.resolve(table)),
            Files.readString(local.resolve(table)), reps + " " + table);
      }
      assertEquals(runJsonWithoutEngine(viaSpark), runJsonWithoutEngine(local), reps);
    }
  }

  /** run.json's lines but the placement, the output path, Spark's version and the timings. */
  private static List<String> runJsonWithoutEngine(Path run) throws IOException {
    List<String> kept = new ArrayList<>();
    boolean timings = false;
    for (String line : Files.readAllLines(run.resolve("run.json"))) {
      String t = line.strip();
      if (t.startsWith("\"timings\"") || t.startsWith("\"seconds\"")) {
        timings = !t.endsWith(",") && !t.endsWith("}");
        continue;
      }
      if (timings) {
        timings = !t.startsWith("}");
        continue;
      }
      if (t.startsWith("\"placement\"") || t.startsWith("\"out\"") || t.startsWith("\"spark\"")
          || t.startsWith("\"started\"") || t.startsWith("\"finished\"")
          || t.contains("_seconds\" : ")) {
        continue;
      }
      kept.add(t);
    }
    return kept;
  }

  @Test
  void badParquetInProcessExitsTwoNamingTheFileAndWritesNothing() {
    for (String bad : List.of("nan.parquet", "ragged.parquet", "duplicate.parquet",
        "text.parquet")) {
      Path out = tmp.resolve("bad-" + bad);
      Result r = fit(out, "data/features.csv", bad, "--engine", "in-process");
      assertEquals(2, r.code(), bad + ": " + r.err());
      assertTrue(r.err().contains(dir(bad)), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      assertFalse(Files.exists(out), bad);
    }
  }

  @Test
  void anMlVectorColumnStillFitsThroughSpark() throws IOException {
    Path run = tmp.resolve("ml-vector-run");
    Result r = fit(run, "data/features.csv", "ml-vector.parquet");
    assertEquals(0, r.code(), r.err());
    assertTrue(placement(run).contains("broadcast"), placement(run));
    Result forced = fit(tmp.resolve("ml-vector-forced"), "data/features.csv",
        "ml-vector.parquet", "--engine", "in-process");
    assertEquals(2, forced.code(), forced.err());
    assertTrue(forced.err().contains("the inputs need Spark to be read"), forced.err());
  }
}
