package org.mlem.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * The combined Parquet table written without Spark reads back in Spark exactly as the table
 * Spark's own partitioned writer makes of the same rows (the reference, written here with the
 * call the sweep used to make): the same rows, nulls, doubles and set names (escaped partition
 * directories included), and the same partition directory names; a rewrite replaces only the
 * partitions of the sets written and leaves no temporary behind.
 */
class CombinedTableWriteTest {
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(1, "CombinedTableWriteTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    for (String set : List.of("layer=1", "a/b c", "100%", "naïve:x", "layer=10")) {
      rows.add(new Object[] {set, "f0", 0.25, 1e-300, -0.0, Double.NaN, 0.9784, 0.5, 0.25, "ok",
          null, "stimulus", "across folds", "spearman", 0.9784});
      rows.add(new Object[] {set, "f0:f1", -1.5, null, null, null, 0.9784, 0.5, 0.25, "ok", null,
          "stimulus", "across folds", null, null});
    }
    rows.add(new Object[] {"failed set", null, null, null, null, null, null, null, null,
        "failed", "ArithmeticException: \"quoted\", comma", null, null, null, null});
    return rows;
  }

  private static List<String> read(Path dir) {
    List<String> out = new ArrayList<>();
    for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
      StringBuilder sb = new StringBuilder();
      for (String c : CombinedTable.COLUMNS) {
        Object v = r.get(r.fieldIndex(c));
        sb.append(c).append('=').append(v instanceof Double d ? Double.toString(d) : v)
            .append(';');
      }
      out.add(sb.toString());
    }
    out.sort(null);
    return out;
  }

  private static List<String> children(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().toList();
    }
  }

  @Test
  void readsBackAsSparksOwnPartitionedTable() throws IOException {
    Path plain = tmp.resolve("plain");
    CombinedTable.write(new Configuration(), rows(), plain.toString());

    Path reference = tmp.resolve("reference/combined");
    List<Row> sparkRows = new ArrayList<>();
    for (Object[] r : rows()) {
      sparkRows.add(RowFactory.create(r));
    }
    spark.createDataFrame(sparkRows, CombinedTable.schema()).coalesce(1).write()
        .mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
        .partitionBy("set").parquet(reference.toString());

    Path combined = plain.resolve("combined");
    assertEquals(read(reference), read(combined));
    assertEquals(children(reference).stream().filter(n -> n.startsWith("set=")).toList(),
        children(combined));
    assertTrue(children(combined).contains("set=a%2Fb c"), children(combined).toString());
    assertTrue(Files.readString(plain.resolve("combined.csv")).startsWith("set,unit,mean"));
    try (Stream<Path> files = Files.walk(plain)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".crc")
          || p.getFileName().toString().contains("._tmp-")), "no checksum or temporary files");
    }
  }

  @Test
  void aRewriteReplacesOnlyThePartitionsOfItsSets() {
    Path out = tmp.resolve("rewrite");
    Configuration conf = new Configuration();
    CombinedTable.write(conf, rows(), out.toString());
    List<Object[]> again = new ArrayList<>();
    again.add(new Object[] {"layer=1", "only", 7.0, null, null, null, 0.5, 0.5, 0.5, "ok", null,
        "term", "permutation noise only", "spearman", 0.5});
    CombinedTable.write(conf, again, out.toString());

    List<Row> all = spark.read().parquet(out.resolve("combined").toString()).collectAsList();
    List<Row> layer1 = all.stream().filter(r -> r.getAs("set").equals("layer=1")).toList();
    assertEquals(1, layer1.size(), "layer=1 replaced");
    assertEquals("only", layer1.get(0).getAs("unit"));
    assertEquals(rows().size() - 2 + 1, all.size(), "the other sets' partitions kept");
  }
}
