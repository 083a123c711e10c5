package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem fit} on a feature table whose ordinal column misses 4 of 24 values (16.7%, above
 * the 10% threshold) prints one summary line per feature and the warning, and records both in
 * run.json. Expected values by hand: shape alternates x / y; size = i / 2 for i = 4..23, so its
 * range is [2, 11.5].
 */
class FeatureSummaryOutputTest {
  private static SparkSession spark;
  private static String out;
  private static JsonNode run;

  @TempDir static Path tmp;

  @BeforeAll
  static void fit() throws IOException {
    spark = SparkTestSession.local(2, "FeatureSummaryOutputTest");
    StringBuilder features = new StringBuilder("id,shape,size\n");
    StringBuilder reps = new StringBuilder("id,v0,v1\n");
    for (int i = 0; i < 24; i++) {
      features.append('s').append(i).append(',').append(i % 2 == 0 ? "x" : "y").append(',')
          .append(i < 4 ? "" : Double.toString(i * 0.5)).append('\n');
      reps.append('s').append(i).append(',').append(i % 2 + 0.1 * i).append(',')
          .append(i % 3).append('\n');
    }
    Path f = Files.writeString(tmp.resolve("features.csv"), features);
    Path r = Files.writeString(tmp.resolve("reps.csv"), reps);
    Path dir = tmp.resolve("run");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), "fit", "--features", f.toString(),
        "--representations", r.toString(), "--out", dir.toString(), "--master", "local[2]",
        "--max-steps", "3", "--permutations", "1", "--batch-size", "20", "--no-report");
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static final String WARNING = "feature 'size': 4 of 24 values missing (16.7%, above "
      + "10.0%); pairs with a missing value get distance 0 for it; fill the values or set the "
      + "missing distance";

  @Test
  void theConsoleShowsEachFeatureAndTheWarning() {
    assertTrue(out.contains("  shape: categorical (inferred), 2 levels: x, y, none missing\n"),
        out);
    assertTrue(out.contains("  size: ordinal (inferred), range [2, 11.5], 4 of 24 missing "
        + "(16.7%, distance 0)\n"), out);
    assertTrue(out.contains("warning: " + WARNING + "\n"), out);
  }

  @Test
  void runJsonRecordsTheSummaryAndTheWarning() {
    JsonNode shape = run.get("feature_summary").get(0);
    assertEquals("shape", shape.get("name").asText());
    assertEquals("categorical", shape.get("kind").asText());
    assertEquals("inferred", shape.get("kind_source").asText());
    assertEquals(2, shape.get("levels").asInt());
    assertEquals("[\"x\",\"y\"]", shape.get("categories").toString());
    assertEquals(0, shape.get("missing").asInt());
    JsonNode size = run.get("feature_summary").get(1);
    assertEquals("ordinal", size.get("kind").asText());
    assertEquals(2.0, size.get("min").asDouble());
    assertEquals(11.5, size.get("max").asDouble());
    assertEquals(4, size.get("missing").asInt());
    assertEquals(4.0 / 24, size.get("missing_fraction").asDouble());
    assertEquals(0.0, size.get("missing_distance").asDouble());
    assertTrue(size.get("missing_warning").asBoolean());
    assertTrue(run.get("warnings").toString().contains(WARNING), run.get("warnings").toString());
  }
}
