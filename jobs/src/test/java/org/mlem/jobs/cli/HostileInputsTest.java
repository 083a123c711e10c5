package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * The attacks of issue 13 on {@code mlem fit}, each replayed with the attacker's input through
 * the command line: the exit code, the message, and what is (not) left on disk. Expected values
 * come from the inputs the tests write (their bytes, their SHA-256 computed here), never from
 * the code under test.
 */
class HostileInputsTest {
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "HostileInputsTest");
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

  private static Result fit(Path features, Path reps, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("fit", "--features", features.toString(),
        "--representations", reps.toString(), "--out", out.toString(), "--master", "local[2]",
        "--seed", "3", "--max-steps", "3", "--patience", "2", "--permutations", "1",
        "--batch-size", "40", "--no-report"));
    args.addAll(List.of(more));
    return cli(args.toArray(String[]::new));
  }

  /** id, a (x/y), b (0..2): 30 stimuli. */
  static String features(int n, String header) {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (int i = 0; i < n; i++) {
      sb.append('s').append(i).append(',').append(i % 2 == 0 ? "x" : "y").append(',')
          .append(i % 3).append('\n');
    }
    return sb.toString();
  }

  static String reps(int n) {
    StringBuilder sb = new StringBuilder("id,v0,v1\n");
    for (int i = 0; i < n; i++) {
      sb.append('s').append(i).append(',').append(i * 0.5).append(',').append(i % 4)
          .append('\n');
    }
    return sb.toString();
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static void assertRefused(Result r, String expected, Path out) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), "stderr was: " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    if (out != null) {
      assertFalse(Files.exists(out), "nothing written at " + out);
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  // 1. --representations 'd/roi[1].csv' read d/roi1.csv (a glob) while run.json recorded the
  // size and SHA-256 of roi[1].csv. Here roi1.csv holds a NaN: reading it exits 2.
  @Test
  void globCharactersInAUserPathAreLiteral() throws Exception {
    Path dir = tmp.resolve("glob");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    Path literal = write(dir.resolve("roi[1].csv"), reps(30));
    write(dir.resolve("roi1.csv"), reps(30).replace("s3,1.5,", "s3,NaN,"));
    Path out = dir.resolve("run");
    Result r = fit(features, literal, out);
    assertEquals(0, r.code(), r.err());
    JsonNode reps = null;
    for (JsonNode input : json(out.resolve("run.json")).path("inputs")) {
      if (input.path("role").asText().equals("representations")) {
        reps = input;
      }
    }
    assertTrue(reps != null, "run.json records the representations");
    assertTrue(reps.path("uri").asText().endsWith("roi[1].csv"), reps.toString());
    assertEquals(Files.size(literal), reps.path("bytes").asLong());
    assertEquals(sha256(literal), reps.path("sha256").asText());
    assertEquals(30, json(out.resolve("run.json")).path("counts").path("stimuli").asInt());
  }

  // 2. A truncated HDF5 file (cut inside the data) was read without error: exit 0 on garbage.
  @Test
  void truncatedHdf5IsRefused() throws IOException {
    Path dir = tmp.resolve("h5");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    Path ids = write(dir.resolve("ids.txt"), String.join("\n",
        Stream.iterate(0, i -> i + 1).limit(30).map(i -> "s" + i).toList()) + "\n");
    Path h5 = dir.resolve("reps.h5");
    double[][] values = new double[30][4];
    for (int i = 0; i < 30; i++) {
      for (int d = 0; d < 4; d++) {
        values[i][d] = Math.sin(i * 7 + d);
      }
    }
    try (WritableHdfFile file = HdfFile.write(h5)) {
      file.putDataset("reps", values);
    }
    long dataStart;
    try (HdfFile file = new HdfFile(h5)) {
      dataStart = ((ContiguousDataset) file.getDatasetByPath("/reps")).getDataAddress();
    }
    long cut = dataStart + 30 * 4 * 8 / 2;
    assertTrue(cut < Files.size(h5), "the cut is inside the data");
    byte[] all = Files.readAllBytes(h5);
    Files.write(h5, java.util.Arrays.copyOf(all, (int) cut));
    Path out = dir.resolve("run");
    Result r = fit(features, h5, out, "--ids", ids.toString());
    assertRefused(r, h5 + ": HDF5 dataset '/reps' needs " + (dataStart + 960)
        + " bytes of the file but the file has only " + cut + "; the file is truncated", out);
  }

  // 3. --out V --overwrite deleted whatever V was: here V holds the inputs.
  @Test
  void overwriteReplacesOnlyARunDirectory() throws IOException {
    Path v = tmp.resolve("v");
    Path features = write(v.resolve("features.csv"), features(30, "id,a,b"));
    Path reps = write(v.resolve("reps.csv"), reps(30));
    write(v.resolve("notes.txt"), "mine");
    Result r = fit(features, reps, v, "--overwrite");
    assertRefused(r, "--out " + v + " exists and is not a run directory of mlem (no run.json;"
        + " it holds features.csv, notes.txt, reps.csv); --overwrite replaces only a previous"
        + " run directory", null);
    assertEquals(Set.of("features.csv", "notes.txt", "reps.csv"), names(v));

    Path run = tmp.resolve("v-run");
    assertEquals(0, fit(features, reps, run).code());
    Files.writeString(run.resolve("notes.txt"), "mine too");
    assertRefused(fit(features, reps, run, "--overwrite"), "--out " + run
        + " exists and is not a run directory of mlem (it also holds notes.txt)", null);
    assertTrue(Files.exists(run.resolve("notes.txt")));
    Files.delete(run.resolve("notes.txt"));
    Result again = fit(features, reps, run, "--overwrite");
    assertEquals(0, again.code(), again.err());
  }

  // 11. --out below a regular file exited 1 with a trace.
  @Test
  void outBelowAFileIsRefused() throws IOException {
    Path dir = tmp.resolve("below");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    Path reps = write(dir.resolve("reps.csv"), reps(30));
    Path file = write(dir.resolve("plain"), "a file");
    Result r = fit(features, reps, file.resolve("run"));
    assertRefused(r, "--out " + file.resolve("run") + " is below " + file
        + ", which is a file, not a directory; choose another --out", null);
  }

  // 11. An extra CSV field was silently dropped.
  @Test
  void anExtraCsvFieldIsRefused() throws IOException {
    Path dir = tmp.resolve("extra");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    Path reps = write(dir.resolve("reps.csv"), reps(30).replace("\ns7,3.5,3\n",
        "\ns7,3.5,3,99\n"));
    Path out = dir.resolve("run");
    assertRefused(fit(features, reps, out), "representations file " + reps + ": the row"
        + " 's7,3.5,3,99' has more fields than the header's 3 columns; remove the extra fields,"
        + " or quote a value that holds a comma", out);
  }

  // 4. A feature named 'total' gave two different 'total:b' rows (interaction total x b and
  // b's total importance); a name holding ':' is ambiguous the same way.
  @Test
  void ambiguousUnitNamesAreRefused() throws IOException {
    Path dir = tmp.resolve("units");
    Path reps = write(dir.resolve("reps.csv"), reps(30));
    Path total = write(dir.resolve("total.csv"), features(30, "id,total,b"));
    Path out = dir.resolve("run");
    assertRefused(fit(total, reps, out), "features file " + total + ": a feature named 'total'"
        + " would make its interaction units ('total:x') indistinguishable", out);
    Path colon = write(dir.resolve("colon.csv"), features(30, "id,a:b,b"));
    assertRefused(fit(colon, reps, out), "features file " + colon + ": feature 'a:b' contains"
        + " ':'", out);
  }

  // 7. --batch-size 2 reported Spearman 1.0000 and importances 0 without a word; small ones warn.
  @Test
  void smallBatchSizesAreRefusedOrWarned() throws IOException {
    Path dir = tmp.resolve("batch");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    Path reps = write(dir.resolve("reps.csv"), reps(30));
    Path out = dir.resolve("run");
    List<String> args = new ArrayList<>(List.of("fit", "--features", features.toString(),
        "--representations", reps.toString(), "--out", out.toString(), "--master", "local[2]",
        "--max-steps", "3", "--permutations", "1", "--no-report", "--batch-size", "2"));
    assertRefused(cli(args.toArray(String[]::new)), "--batch-size must be auto (0) or >= 4, found 2", out);
    args.set(args.size() - 1, "10");
    Result r = cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    String warning = "batch size 10 is very small";
    assertTrue(r.out().contains("warning: " + warning), r.out());
    boolean recorded = false;
    for (JsonNode w : json(out.resolve("run.json")).path("warnings")) {
      recorded |= w.asText().startsWith(warning);
    }
    assertTrue(recorded, "run.json records the warning");
  }

  // 8. An .npy shape (-1, 8) threw NegativeArraySizeException (exit 1).
  @Test
  void negativeNpyShapeIsRefused() throws IOException {
    Path dir = tmp.resolve("npy");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 8), }";
    header = header + " ".repeat(117 - header.length()) + "\n";
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
    b.write(header.getBytes(StandardCharsets.US_ASCII));
    b.write(new byte[64]);
    Path npy = dir.resolve("reps.npy");
    Files.write(npy, b.toByteArray());
    Path out = dir.resolve("run");
    Path ids = write(dir.resolve("ids.txt"), String.join("\n",
        Stream.iterate(0, i -> i + 1).limit(30).map(i -> "s" + i).toList()) + "\n");
    assertRefused(fit(features, npy, out, "--ids", ids.toString()), npy + ": the .npy shape (-1, 8) has a negative"
        + " dimension", out);
  }

  // 8. A 1 MB YAML scalar-alias bomb ran out of memory; 11. duplicate YAML keys were accepted.
  @Test
  void yamlAliasesAndDuplicateKeysAreRefused() throws IOException {
    Path dir = tmp.resolve("yaml");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    Path reps = write(dir.resolve("reps.csv"), reps(30));
    StringBuilder bomb = new StringBuilder("a: &a \"" + "x".repeat(1000) + "\"\nb: &b [");
    for (int i = 0; i < 1000; i++) {
      bomb.append(i > 0 ? ", " : "").append("*a");
    }
    bomb.append("]\n");
    Path config = write(dir.resolve("bomb.yaml"), bomb.toString());
    Path out = dir.resolve("run");
    assertRefused(cli("fit", "--config", config.toString(), "--features", features.toString(),
        "--representations", reps.toString(), "--out", out.toString()),
        "config file " + config + ": line 1 uses the YAML anchor &a; anchors and aliases are"
            + " not allowed", out);
    Path twice = write(dir.resolve("twice.yaml"), "folds: 2\nseed: 4\nfolds: 5\n");
    assertRefused(cli("fit", "--config", twice.toString(), "--features", features.toString(),
        "--representations", reps.toString(), "--out", out.toString()),
        "config file " + twice + ": key 'folds' is given twice (line 3); keep one", out);
  }

  // 9. CSV outputs wrote cells starting with = + - @ verbatim (formula injection).
  @Test
  void formulaCellsAreDefusedInCsvOutputs() throws IOException {
    Path dir = tmp.resolve("formula");
    Path features = write(dir.resolve("features.csv"),
        features(30, "id,=SUM(1),@b"));
    Path reps = write(dir.resolve("reps.csv"), reps(30));
    Path out = dir.resolve("run");
    Result r = fit(features, reps, out);
    assertEquals(0, r.code(), r.err());
    for (Path csv : List.of(out.resolve("weights.csv"), out.resolve("importance_summary.csv"),
        out.resolve("importance.csv"))) {
      for (String line : Files.readAllLines(csv)) {
        for (String cell : line.split(",", -1)) {
          String c = cell.startsWith("\"") ? cell.substring(1) : cell;
          assertFalse(c.startsWith("=") || c.startsWith("@") || c.startsWith("+"),
              csv.getFileName() + ": cell " + cell);
          if (c.startsWith("-")) {
            Double.parseDouble(c);
          }
        }
      }
    }
    String header = Files.readAllLines(out.resolve("weights.csv")).get(0);
    assertTrue(header.startsWith("feature,\"'=SUM(1)") && header.contains(",\"'@b\""), header);
  }

  // 10. Orphan DIR._tmp-* of a killed write, DIR._old-* of a killed overwrite, and
  // .report.html.tmp-* of a killed report were never removed.
  @Test
  void leftoversOfKilledWritersAreCleanedUp() throws IOException {
    Path dir = tmp.resolve("leftovers");
    Path features = write(dir.resolve("features.csv"), features(30, "id,a,b"));
    Path reps = write(dir.resolve("reps.csv"), reps(30));
    Path out = dir.resolve("run");
    long dead = deadPid();
    String unique = Long.toHexString(dead) + "-1f";
    Path tmpDir = Files.createDirectories(dir.resolve("run._tmp-" + unique));
    Files.writeString(tmpDir.resolve("run.json"), "{}");
    Path oldDir = Files.createDirectories(dir.resolve("run._old-" + unique));
    Files.writeString(oldDir.resolve("run.json"), "{}");
    Path live = Files.createDirectories(dir.resolve("run._tmp-"
        + Long.toHexString(ProcessHandle.current().pid()) + "-2f"));
    assertEquals(0, fit(features, reps, out, "--overwrite").code());
    assertFalse(Files.exists(tmpDir), "the dead writer's temporary is gone");
    assertFalse(Files.exists(oldDir), "the dead writer's previous copy is gone");
    assertTrue(Files.exists(live), "a live writer's temporary is kept");
    Files.delete(live);

    Path reportTemp = Files.writeString(out.resolve(".report.html.tmp-" + unique), "<html");
    Result r = cli("report", out.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(reportTemp), "mlem report removes a killed report's temporary");
    assertTrue(Files.exists(out.resolve("report.html")));
  }

  /** A pid no process has (the highest pid below 2^22 that is not alive). */
  static long deadPid() {
    for (long pid = (1L << 22) - 1; pid > 1000; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
    throw new IllegalStateException("no free pid");
  }
}
