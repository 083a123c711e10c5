package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * The driver-side CSV reader: on plain files it gives the feature table Spark's reader gives (the
 * reference here is Spark itself, {@link InputLoader#readFeatures}), with the same errors; on
 * anything it cannot be sure of it declines, so Spark reads the file as before.
 */
class PlainCsvTest {
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(1, "PlainCsvTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Path file(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static FeatureInput input(Path p) {
    return new FeatureInput(p.toString(), InputFormat.CSV, "id", List.of(), Map.of(), 1.0);
  }

  private static FeatureTable plain(Path p) {
    PlainCsv.Table t = PlainCsv.read(p.toString(), "id").orElseThrow();
    return FeatureFrames.fromRows(t.schema(), t.rows(), "id", List.of(), p.toString());
  }

  /** Kinds, summary (levels, ranges, missing counts) and every pair's deltas. */
  private static List<String> fingerprint(FeatureTable table) {
    EncodedFeatures e = FeatureSchema.inferred().encode(table);
    List<String> out = new ArrayList<>(e.ids());
    out.addAll(e.names());
    for (int f = 0; f < e.featureCount(); f++) {
      out.add(e.kind(f).toString());
    }
    out.addAll(e.summary().lines());
    double[] delta = new double[e.featureCount()];
    for (int i = 0; i < e.size(); i++) {
      for (int j = 0; j < i; j++) {
        e.delta(i, j, delta, 0);
        out.add(Arrays.toString(delta));
      }
    }
    return out;
  }

  @Test
  void plainFilesReadAsSparkReadsThem() throws IOException {
    String[] files = {
        // integers (ids with leading zeros stay text), doubles, exponents, booleans in any case
        "id,count,ratio,big,flag,word\n007,1,0.5,1e3,true,red\n008,2,1.25,2.5E-1,FALSE,blue\n"
            + "009,-3,.75,7,True,red\n010,4,2.,1,false,green\n",
        // missing cells in every kind
        "id,n,b,s\na,1,true,x\nb,,false,\nc,3,,y\nd,4,true,x\n",
        // quoted fields with commas inside
        "id,name,size\na,\"Smith, J.\",1\nb,\"say hi\",2\nc,plain,3\nd,\"x\",4\n",
        // a numeric-looking column with one word stays text; mixed booleans and numbers: text
        "id,code,mix\na,1,true\nb,2,1\nc,x3,false\nd,4,0\n",
        // CRLF line endings, no final newline
        "id,v\r\na,1\r\nb,2\r\nc,3\r\nd,5"};
    for (int k = 0; k < files.length; k++) {
      Path p = file("plain" + k + ".csv", files[k]);
      FeatureTable bySpark = InputLoader.readFeatures(spark, input(p));
      assertEquals(fingerprint(bySpark), fingerprint(plain(p)), files[k]);
    }
  }

  @Test
  void typesAreInferredAsSparkDoes() throws IOException {
    Path p = file("types.csv", "id,i,d,b,s,e\na,1,1.5,true,x,\nb,2,2,false,y,\n");
    PlainCsv.Table t = PlainCsv.read(p.toString(), "id").orElseThrow();
    assertEquals(DataTypes.StringType, t.schema().apply("id").dataType());
    assertEquals(DataTypes.LongType, t.schema().apply("i").dataType());
    assertEquals(DataTypes.DoubleType, t.schema().apply("d").dataType());
    assertEquals(DataTypes.BooleanType, t.schema().apply("b").dataType());
    assertEquals(DataTypes.StringType, t.schema().apply("s").dataType());
    // a column of empty cells only: Spark infers string
    assertEquals(DataTypes.StringType, t.schema().apply("e").dataType());
    assertEquals(DataTypes.StringType,
        spark.read().option("header", "true").option("inferSchema", "true").csv(p.toString())
            .schema().apply("e").dataType());
  }

  @Test
  void declinesWhatItCannotBeSureOf() throws IOException {
    String[] files = {
        "id,v\na,1\n\nb,2\n", // a blank line
        "id,v\na,1\nb,2,3\n", // a row with more fields than the header
        "id,v\na,1\nb\n", // fewer fields
        "id,v\na,\"multi\nline\"\nb,2\n", // a field spanning lines
        "id,v\na, 1\nb,2\n", // surrounding spaces
        "id,v\na,NaN\nb,2\n", // Spark reads NaN as a double
        "id,v\na,2020-01-01\nb,2021-02-03\n", // dates
        "id,v\na,12:30\nb,13:45\n", // times
        "id,v,v\na,1,2\n", // duplicate header names
        "id,\na,1\n", // an empty header name
        "id,v\na,\"\"\nb,x\n", // a quoted empty cell
        "id,v\na,99999999999999999999\nb,1\n", // beyond a long
        "id,v\na,x\"y\nb,2\n", // a quote inside an unquoted field
        "id,v\na,\"say \"\"hi\"\"\"\nb,2\n", // a doubled quote (Spark does not unescape it)
        "id,v\na,\"a\\\\b\"\nb,2\n", // a backslash in quotes (Spark's escape)
        "\uFEFFid,v\na,1\n"}; // a byte-order mark
    for (int k = 0; k < files.length; k++) {
      Path p = file("odd" + k + ".csv", files[k]);
      assertTrue(PlainCsv.read(p.toString(), "id").isEmpty(), files[k]);
    }
    assertTrue(PlainCsv.read(tmp.toString(), "id").isEmpty(), "a directory");
    assertTrue(PlainCsv.read("hdfs://localhost:1/x.csv", "id").isEmpty(), "another filesystem");
    Path latin1 = tmp.resolve("latin1.csv");
    Files.write(latin1, "id,v\na,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(PlainCsv.read(latin1.toString(), "id").isEmpty(), "not UTF-8");
  }

  @Test
  void badContentGivesSparksMessage() throws IOException {
    Path p = file("dup.csv", "id,v\na,1\nb,2\na,3\nc,4\n");
    InputException bySpark = assertThrows(InputException.class,
        () -> InputLoader.readFeatures(spark, input(p)));
    InputException byPlain = assertThrows(InputException.class, () -> plain(p));
    assertEquals(bySpark.getMessage(), byPlain.getMessage());
    assertTrue(byPlain.getMessage().contains("duplicate"), byPlain.getMessage());
  }

  @Test
  void fieldsSplitCommasAndQuotes() {
    assertEquals(List.of("a", "b c", "d,e"), PlainCsv.fields("a,b c,\"d,e\""));
    assertNull(PlainCsv.fields("a,\"f\"\"g\""));
    assertEquals(List.of("a", "", ""), PlainCsv.fields("a,,"));
    assertEquals(Arrays.asList("a", null), PlainCsv.fields("a,\"\""));
    assertNull(PlainCsv.fields(""));
    assertNull(PlainCsv.fields("a,\"b"));
    assertNull(PlainCsv.fields("a,\"b\"c"));
    assertEquals(Optional.of(Path.of("/x/y.csv")), PlainCsv.localFile("file:///x/y.csv"));
    assertEquals(Optional.empty(), PlainCsv.localFile("s3a://b/y.csv"));
  }
}
