package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's wrong kind of input path, through the command line: one line on stderr with what was
 * found and what to pass, exit code 2, no stack trace, nothing written. The fit's are reported
 * before Spark starts.
 */
class InputMistakesTest {
  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  private Path features() throws IOException {
    return Files.writeString(tmp.resolve("features.csv"),
        "id,a\ns0,x\ns1,y\ns2,x\ns3,y\ns4,x\n");
  }

  private static void assertRefused(Result r, String message, Path out) {
    assertEquals(2, r.code(), r.err());
    assertEquals("mlem: " + message + System.lineSeparator(), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void fitGivenADirectoryOfNpyFiles() throws IOException {
    Path arrays = Files.createDirectories(tmp.resolve("arrays"));
    Files.write(arrays.resolve("layer0.npy"), new byte[] {1});
    Files.write(arrays.resolve("layer1.npy"), new byte[] {1});
    Path out = tmp.resolve("run");
    Result r = cli("fit", "--features", features().toString(), "--representations",
        arrays.toString(), "--out", out.toString(), "--master", "local[1]");
    assertRefused(r, "representations path " + arrays + " is a directory holding 2 .npy files"
        + " (layer0.npy, layer1.npy); a directory is read as one table only when it holds Parquet"
        + " files (a Parquet dataset) or CSV files (with the same header): pass one file (e.g. "
        + arrays + "/layer0.npy), or to sweep them, a glob with one file per set (e.g. '" + arrays
        + "/*.npy')", out);
  }

  @Test
  void fitGivenAnEmptyFeatureDirectory() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("features"));
    Path reps = Files.writeString(tmp.resolve("reps.csv"), "id,v\ns0,1\n");
    Path out = tmp.resolve("run");
    Result r = cli("fit", "--features", empty.toString(), "--representations", reps.toString(),
        "--out", out.toString(), "--master", "local[1]");
    assertRefused(r, "features path " + empty + " is an empty directory (no data files; names"
        + " starting with '_' or '.' are ignored); a directory is read as one table only when it"
        + " holds Parquet files (a Parquet dataset) or CSV files (with the same header): pass a"
        + " Parquet or CSV file, or a directory holding only one of the two", out);
  }

  @Test
  void sweepGivenLayerDirectoriesOfNpyFiles() throws IOException {
    for (int k = 0; k < 2; k++) {
      Path layer = Files.createDirectories(tmp.resolve("layerdirs/layer=" + k));
      Files.write(layer.resolve("reps.npy"), new byte[] {1});
    }
    Path out = tmp.resolve("sweep");
    String pattern = tmp.resolve("layerdirs") + "/layer=*/";
    Result r = cli("sweep", "--features", features().toString(), "--representations", pattern,
        "--out", out.toString(), "--master", "local[1]");
    Path first = tmp.resolve("layerdirs/layer=0");
    assertRefused(r, "representations pattern " + pattern + ": representations path file:"
        + first + " is a directory holding 1 .npy file (reps.npy); a directory is read as one"
        + " table only when it holds Parquet files (a Parquet dataset) or CSV files (with the"
        + " same header): pass one file (e.g. file:" + first + "/reps.npy), or to sweep them, a"
        + " glob with one file per set (e.g. 'file:" + first + "/*.npy')", out);
  }

  @Test
  void fitGivenAnIdColumnTheFeatureHeaderLacks() throws IOException {
    Path features = features();
    Path reps = Files.writeString(tmp.resolve("reps.csv"), "stimulus,v\ns0,1\n");
    Path out = tmp.resolve("run");
    Result r = cli("fit", "--features", features.toString(), "--representations",
        reps.toString(), "--id-column", "stimulus", "--out", out.toString(), "--master",
        "local[1]");
    assertRefused(r, features + ": id column 'stimulus' not found; available columns: id, a;"
        + " name one of them (column names are case-sensitive)", out);
  }
}
