package org.mlem.jobs.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.io.NpyTestFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem rsa} end to end on small generated sets: a glob of .npy layers (two noisy views of
 * the same points and a copy of the first with its stimuli permuted) writes rsa.csv,
 * rsa.parquet, rsa.json, report.html and _SUCCESS with a set-with-itself of exactly 1 and a
 * permuted copy far below the related views; CSV sets with ids are joined by id (refused when
 * they differ, intersected with --ids-from both); bad input exits 2 and writes nothing; names
 * from the data are escaped in the report; an RSA written into a sweep's directory shows in the
 * sweep's report; {@code mlem report} re-renders an RSA directory.
 */
class RsaCommandTest {
  private static final int N = 40;
  private static SparkSession spark;
  @TempDir static Path tmp;
  private static Path layers;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "RsaCommandTest");
    layers = Files.createDirectories(tmp.resolve("layers"));
    double[][] z = points(1, N, 3);
    writeNpy(layers.resolve("layer_1.npy"), noisy(z, 0.4, 2));
    writeNpy(layers.resolve("layer_2.npy"), noisy(z, 0.4, 3));
    double[][] first = noisy(z, 0.4, 2);
    double[][] shuffled = new double[N][];
    for (int i = 0; i < N; i++) {
      shuffled[i] = first[(i * 7 + 3) % N];
    }
    writeNpy(layers.resolve("layer_10.npy"), shuffled);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aGlobOfLayersWritesEveryFileAndTheReport() throws Exception {
    Path out = tmp.resolve("out-glob");
    Run run = Run.of("rsa", "--representations", layers + "/*.npy", "--out", out.toString(),
        "--bootstrap", "60", "--seed", "4", "--threads", "2", "--master", "local[2]");
    assertEquals(0, run.code(), run.err() + run.out());
    for (String f : List.of("rsa.csv", "rsa.json", "report.html", "_SUCCESS")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertTrue(Files.isDirectory(out.resolve("rsa.parquet")));
    List<String> lines = Files.readAllLines(out.resolve("rsa.csv"));
    assertEquals("set_a,set_b,measure,value,ci_low,ci_high,pairs,stimuli,resamples",
        lines.get(0));
    assertEquals(7, lines.size(), "three sets: six cells a <= b");
    // natural order: layer_1, layer_2, layer_10
    assertTrue(lines.get(1).startsWith("layer_1,layer_1,spearman,1.0,1.0,1.0,780,40,60"),
        lines.get(1));
    double related = value(lines, "layer_1", "layer_2");
    double permuted = value(lines, "layer_1", "layer_10");
    assertTrue(related > 0.5, "two views of the same points: " + related);
    assertTrue(Math.abs(permuted) < 0.2, "a copy with permuted stimuli: " + permuted);
    assertEquals(6, spark.read().parquet(out.resolve("rsa.parquet").toString()).count());
    ProvenanceRecord json = ProvenanceJson.read("rsa.json",
        Files.readString(out.resolve("rsa.json")), ProvenanceRecord.RSA);
    assertEquals("rsa", json.command());
    assertEquals("spearman", json.config().get("rsa-measure"));
    assertEquals(3, json.detail("sets").size());
    assertEquals(3, json.inputs().size());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("class=\"figure heatmap rsa-heatmap\""));
    assertTrue(html.contains("How to read this"));

    Run report = Run.of("report", out.toString());
    assertEquals(0, report.code(), report.err());
    assertTrue(report.out().contains("report.html"));
    Run again = Run.of("rsa", "--representations", layers + "/*.npy", "--out", out.toString(),
        "--master", "local[2]");
    assertEquals(2, again.code(), "an existing output without --overwrite");
  }

  @Test
  void tablesAreJoinedByIdAndDifferingIdsAreRefusedOrIntersected() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tables"));
    double[][] z = points(5, 12, 2);
    // set a: ids s0..s11; set b: the same ids in reverse order plus an extra one
    StringBuilder a = new StringBuilder("id,v0,v1\n");
    StringBuilder b = new StringBuilder("id,v0,v1\n");
    b.append("extra,9,9\n");
    for (int i = 0; i < 12; i++) {
      a.append("s").append(i).append(',').append(z[i][0]).append(',').append(z[i][1])
          .append('\n');
      int j = 11 - i;
      b.append("s").append(j).append(',').append(z[j][0]).append(',').append(z[j][1])
          .append('\n');
    }
    Files.writeString(dir.resolve("a.csv"), a.toString());
    Files.writeString(dir.resolve("b.csv"), b.toString());
    Path refused = tmp.resolve("out-refused");
    Run bad = Run.of("rsa", "--representations", dir + "/*.csv", "--out", refused.toString(),
        "--bootstrap", "10", "--master", "local[2]");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("'a'") && bad.err().contains("'b'")
        && bad.err().contains("extra") && bad.err().contains("ids-from"), bad.err());
    assertFalse(Files.exists(refused));
    Path both = tmp.resolve("out-both");
    Run ok = Run.of("rsa", "--representations", dir + "/*.csv", "--out", both.toString(),
        "--bootstrap", "10", "--ids-from", "both", "--master", "local[2]");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("dropped 1 of the 13 ids of set b: extra"), ok.out());
    // joined by id: the same points in another row order are the same RDM
    assertEquals(1.0, value(Files.readAllLines(both.resolve("rsa.csv")), "a", "b"), 0.0);
    assertTrue(Files.readString(both.resolve("rsa.json")).contains("dropped 1 of the 13"));
  }

  @Test
  void badInputExitsTwoAndWritesNothing() throws Exception {
    Path single = Files.createDirectories(tmp.resolve("single"));
    writeNpy(single.resolve("only.npy"), points(2, 10, 2));
    Path out = tmp.resolve("out-bad");
    Run one = Run.of("rsa", "--representations", single + "/*.npy", "--out", out.toString(),
        "--master", "local[2]");
    assertEquals(2, one.code());
    assertTrue(one.err().contains("two or more"), one.err());
    Path uneven = Files.createDirectories(tmp.resolve("uneven"));
    writeNpy(uneven.resolve("a.npy"), points(2, 10, 2));
    writeNpy(uneven.resolve("b.npy"), points(3, 11, 2));
    Run rows = Run.of("rsa", "--representations", uneven + "/*.npy", "--out", out.toString(),
        "--master", "local[2]");
    assertEquals(2, rows.code());
    assertTrue(rows.err().contains("'a'") && rows.err().contains("'b'"), rows.err());
    Run measure = Run.of("rsa", "--representations", layers + "/*.npy", "--out",
        out.toString(), "--rsa-measure", "pearson");
    assertEquals(2, measure.code());
    assertTrue(measure.err().contains("rsa-measure"), measure.err());
    Run idsFrom = Run.of("rsa", "--representations", layers + "/*.npy", "--out",
        out.toString(), "--ids-from", "features");
    assertEquals(2, idsFrom.code());
    assertTrue(idsFrom.err().contains("refuse or both"), idsFrom.err());
    Run none = Run.of("rsa", "--representations", tmp + "/nothing/*.npy", "--out",
        out.toString(), "--master", "local[2]");
    assertEquals(2, none.code());
    assertFalse(Files.exists(out));
  }

  @Test
  void namesFromTheDataAreEscapedAndAKendallRunWorks() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("odd"));
    writeNpy(dir.resolve("<b>&x.npy"), points(6, 15, 3));
    writeNpy(dir.resolve("plain.npy"), points(7, 15, 3));
    Path out = tmp.resolve("out-odd");
    Run run = Run.of("rsa", "--representations", dir + "/*.npy", "--out", out.toString(),
        "--rsa-measure", "kendall-tau-a", "--bootstrap", "20", "--master", "local[2]");
    assertEquals(0, run.code(), run.err());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("&lt;b&gt;&amp;x"));
    assertFalse(html.contains("<b>&x"));
    assertTrue(Files.readString(out.resolve("rsa.csv")).contains("kendall-tau-a"));
  }

  @Test
  void anRsaInsideASweepDirectoryShowsInTheSweepReport() throws Exception {
    Path sweep = Files.createDirectories(tmp.resolve("sweep"));
    StringBuilder combined = new StringBuilder(
        "set,unit,mean,std,ci_low,ci_high,spearman,rho_a,tau_a,status,reason\n");
    for (String set : List.of("layer_1", "layer_2", "layer_10")) {
      combined.append(set).append(",,,,,,,,,failed,not fitted in this test\n");
    }
    Files.writeString(sweep.resolve("combined.csv"), combined.toString());
    Files.writeString(sweep.resolve("sweep.json"), ProvenanceJson.write(
        ProvenanceRecord.builder(ProvenanceRecord.SWEEP)
            .config(Map.of("representations", layers + "/*.npy")).build()));
    Run before = Run.of("report", sweep.toString(), "--master", "local[2]");
    assertEquals(0, before.code(), before.err());
    assertTrue(Files.readString(sweep.resolve("report.html")).contains("No RSA matrix beside"));
    Run run = Run.of("rsa", "--representations", layers + "/*.npy", "--out",
        sweep.resolve("rsa").toString(), "--bootstrap", "10", "--master", "local[2]");
    assertEquals(0, run.code(), run.err());
    String html = Files.readString(sweep.resolve("report.html"));
    assertTrue(html.contains("id=\"fig-sweep-rsa\""), "the sweep report was rewritten");
    assertFalse(html.contains("No RSA matrix beside"));
  }

  private static double value(List<String> lines, String a, String b) {
    for (String line : lines) {
      String[] f = line.split(",");
      if (f[0].equals(a) && f[1].equals(b)) {
        return Double.parseDouble(f[3]);
      }
    }
    throw new AssertionError("no row " + a + "," + b);
  }

  private static double[][] points(long seed, int n, int d) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i][c] = PositionalRandom.gaussian(PositionalRandom.mix(seed, i, c));
      }
    }
    return x;
  }

  private static double[][] noisy(double[][] z, double scale, long seed) {
    double[][] x = points(seed, z.length, z[0].length);
    for (int i = 0; i < z.length; i++) {
      for (int c = 0; c < z[0].length; c++) {
        x[i][c] = z[i][c] + scale * x[i][c];
      }
    }
    return x;
  }

  private static void writeNpy(Path file, double[][] x) throws IOException {
    double[] values = new double[x.length * x[0].length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, values, i * x[0].length, x[0].length);
    }
    NpyTestFiles.write(file, values, new int[] {x.length, x[0].length}, "<f8", false, 1);
  }

  /** The command line run in-process with its exit code and output. */
  record Run(int code, String out, String err) {
    static Run of(String... args) {
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
          new PrintStream(e, true, StandardCharsets.UTF_8), args);
      return new Run(code, o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8));
    }
  }
}
