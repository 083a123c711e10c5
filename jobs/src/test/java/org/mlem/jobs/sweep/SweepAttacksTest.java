package org.mlem.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * The attacks of issue 13 on {@code mlem sweep}: set names from data with glob characters,
 * ':', '{', the writer's "._tmp-" suffix or too many bytes; resume over damaged run
 * directories; a missing --ids file. Each replays the attack through the command line.
 */
class SweepAttacksTest {
  private static SparkSession spark;
  private static Path features;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "SweepAttacksTest");
    features = SweepFixtures.writeFeatures(tmp.resolve("data/features.csv"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SweepFixtures.Result sweep(String representations, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("sweep", "--features", features.toString(),
        "--representations", representations, "--out", out.toString(), "--no-report"));
    args.addAll(SweepFixtures.quickOptions());
    args.addAll(List.of(more));
    return SweepFixtures.cli(args.toArray(String[]::new));
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  /** The (set, status) of each row of combined.csv. */
  private static Set<String> statuses(Path out) throws IOException {
    Set<String> s = new TreeSet<>();
    List<String> lines = Files.readAllLines(out.resolve("combined.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      s.add(cells[0] + " " + cells[9]);
    }
    return s;
  }

  private static void writeCsvLayer(SyntheticDataset data, Path file) throws IOException {
    StringBuilder sb = new StringBuilder("id");
    for (int d = 0; d < data.dims(); d++) {
      sb.append(",d").append(d);
    }
    sb.append('\n');
    for (int i = 0; i < data.size(); i++) {
      sb.append(data.ids().get(i));
      for (int d = 0; d < data.dims(); d++) {
        sb.append(',').append(data.representations()[i * data.dims() + d]);
      }
      sb.append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb.toString());
  }

  /** One table (id, layer, vector) with one set per given name, set k holding layer(k + 1). */
  private static Path writeNamedTable(Path dir, List<String> setNames) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < setNames.size(); k++) {
      SyntheticDataset data = SweepFixtures.layer(k + 1);
      for (int i = 0; i < data.size(); i++) {
        List<Float> v = new ArrayList<>();
        for (int d = 0; d < data.dims(); d++) {
          v.add(data.representations()[i * data.dims() + d]);
        }
        rows.add(RowFactory.create(data.ids().get(i), setNames.get(k), v));
      }
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("layer", DataTypes.StringType, false),
        DataTypes.createStructField("vector",
            DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(dir.toString());
    return dir;
  }

  // 1. A set named 'l*' (a file l*.csv matched by the pattern) was read as the glob l*.csv:
  // the rows of l1, l2 and l* together (duplicate ids: the set failed, exit 3).
  @Test
  void setsWithGlobCharactersAreReadLiterally() throws IOException {
    Path dir = tmp.resolve("glob/sets");
    writeCsvLayer(SweepFixtures.layer(1), dir.resolve("l1.csv"));
    writeCsvLayer(SweepFixtures.layer(2), dir.resolve("l2.csv"));
    Path star = dir.resolve("l*.csv");
    writeCsvLayer(SweepFixtures.layer(3), star);
    Path out = tmp.resolve("glob/out");
    SweepFixtures.Result r = sweep(dir + "/*.csv", out);
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(Set.of("l* ok", "l1 ok", "l2 ok"), statuses(out));
    JsonNode run = new ObjectMapper().readTree(out.resolve("runs/l~2A/run.json").toFile());
    JsonNode reps = null;
    for (JsonNode input : run.path("inputs")) {
      if (input.path("role").asText().equals("representations")) {
        reps = input;
      }
    }
    assertTrue(reps != null, run.toString());
    assertEquals(Files.size(star), reps.path("bytes").asLong(), reps.toString());
    assertEquals(SweepFixtures.STIMULI, run.path("counts").path("stimuli").asInt());
  }

  // 5. Set names 'a:b' and 'l{' crashed the sweep (exit 1) on every rerun; 'x._tmp-y' was
  // deleted as a stale temporary and refitted on every resume.
  @Test
  void hostileSetNamesFitAndResume() throws IOException {
    Path table = writeNamedTable(tmp.resolve("names/table"),
        List.of("a:b", "l{", "x._tmp-y", "roi[1]"));
    Path out = tmp.resolve("names/out");
    SweepFixtures.Result first = sweep(table.toString(), out);
    assertEquals(0, first.code(), first.out() + first.err());
    assertEquals(Set.of("a:b ok", "l{ ok", "roi[1] ok", "x._tmp-y ok"), statuses(out));
    assertEquals(Set.of("a~3Ab", "l~7B", "roi~5B1~5D", "x~2E_tmp-y"), names(out.resolve("runs")));
    SweepFixtures.Result again = sweep(table.toString(), out);
    assertEquals(0, again.code(), again.out() + again.err());
    for (String set : List.of("a:b", "l{", "x._tmp-y", "roi[1]")) {
      assertTrue(again.out().contains(set + ": ok (resumed)"), again.out());
    }
  }

  // 5. A set name longer than ~240 bytes made the writer's "._tmp-" sibling pass 255 bytes.
  @Test
  void overlongSetNamesAreRefusedBeforeAnythingIsWritten() {
    String longName = "n".repeat(250);
    Path table = writeNamedTable(tmp.resolve("long/table"), List.of("short", longName));
    Path out = tmp.resolve("long/out");
    SweepFixtures.Result r = sweep(table.toString(), out);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("representation set " + table + " [layer=" + longName
        + "] gets a name of 250 bytes"), r.err());
    assertTrue(r.err().contains("rename the set"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  // 6. Resume trusted _SUCCESS: a set missing weights.csv was skipped as complete; one missing a
  // Parquet table made every rerun exit 1 with a long trace.
  @Test
  void resumeRefitsDamagedRunDirectories() throws IOException {
    Path layers = SweepFixtures.writeLayers(spark, tmp.resolve("damaged/layers"), 2);
    Path out = tmp.resolve("damaged/out");
    String pattern = layers + "/layer=*/";
    assertEquals(0, sweep(pattern, out).code());
    Path one = out.resolve("runs/layer=1");
    Path two = out.resolve("runs/layer=2");
    Files.delete(one.resolve("weights.csv"));
    try (Stream<Path> s = Files.walk(two.resolve("scores"))) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    SweepFixtures.Result r = sweep(pattern, out);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("set 1/2 layer=1: ok"), r.out());
    assertTrue(r.out().contains("set 2/2 layer=2: ok"), r.out());
    assertTrue(Files.exists(one.resolve("weights.csv")));
    assertTrue(Files.isDirectory(two.resolve("scores")));
    assertEquals(Set.of("layer=1 ok", "layer=2 ok"), statuses(out));
  }

  // 11. No MDS view in sweeps built from a Parquet set column: the whole table was read, ids
  // looked duplicated, a WARN with a stack trace.
  @Test
  void aSweepOverATableColumnHasAnMdsView() throws IOException {
    Path table = SweepFixtures.writeLayerTable(spark, tmp.resolve("mds/table"), 2);
    Path out = tmp.resolve("mds/out");
    List<String> args = new ArrayList<>(List.of("sweep", "--features", features.toString(),
        "--representations", table.toString(), "--out", out.toString()));
    args.addAll(SweepFixtures.quickOptions());
    SweepFixtures.Result r = SweepFixtures.cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out() + r.err());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("id='fig-mds'"), "the sweep report has the MDS figure");
    assertTrue(html.contains("of " + SweepFixtures.STIMULI + " stimuli of layer="),
        "the MDS view shows one set's stimuli, not the whole table's");
  }

  // 11. A missing --ids file marked every set failed (exit 3) instead of exit 2 up front.
  @Test
  void aMissingIdsFileIsRefusedBeforeStarting() throws IOException {
    Path dir = tmp.resolve("ids/sets");
    SweepFixtures.writeNpy(SweepFixtures.layer(1), dir.resolve("l1.npy"));
    Path out = tmp.resolve("ids/out");
    Path ids = tmp.resolve("ids/none.txt");
    SweepFixtures.Result r = sweep(dir + "/*.npy", out, "--ids", ids.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("mlem: representation ids file not found: " + ids, r.err().strip());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void theConsoleShowsEscapedPartitionNamesDecodedAndResumedSetsAsOk() throws IOException {
    // sets named as Spark's partitioned writer names directories: set=layer%3D1 is "layer=1"
    Path layers = tmp.resolve("escaped/layers");
    for (int k = 1; k <= 2; k++) {
      SweepFixtures.writeNpy(SweepFixtures.layer(k), layers.resolve("set=layer%3D" + k + ".npy"));
    }
    Path out = tmp.resolve("escaped/out");
    SweepFixtures.Result first = sweep(layers + "/*.npy", out);
    assertEquals(0, first.code(), first.out() + first.err());
    assertTrue(first.out().contains("2 sets in " + layers + "/*.npy: set=layer=1, set=layer=2"),
        first.out());
    assertTrue(first.out().contains("set 1/2 set=layer=1: ok held-out Spearman"), first.out());
    assertFalse(first.out().contains("%3D"), first.out());
    SweepFixtures.Result again = sweep(layers + "/*.npy", out);
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("set 1/2 set=layer=1: ok (resumed)\n"), again.out());
    assertTrue(again.out().contains("set 2/2 set=layer=2: ok (resumed)\n"), again.out());
    assertTrue(again.out().contains("sweep: 2 sets: 2 ok (2 resumed), 0 failed; combined table "),
        again.out());
    assertFalse(again.out().contains("skipped-complete"), again.out());
  }
}
