package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.testing.FrozenFiles;

/**
 * A run directory written by {@code mlem fit} of 2026-12-02 ({@code resources/frozen/run}, made
 * by {@link FrozenRunGenerator}) is still read by today's reader and still gets a report: the
 * run directory's layout and file formats stay readable as the code changes. The expected values
 * are the frozen files' own text (weights.csv, scores.csv, run.json), copied here by hand.
 */
class FrozenRunTest {
  @TempDir Path tmp;

  @Test
  void todaysReaderReadsTheFrozenRun() throws IOException {
    Path dir = FrozenFiles.copyOf("run", tmp);
    RunDirectory run = RunDirectory.read(new ReportFiles(new Configuration()), dir.toString());
    assertEquals(List.of("f0", "f1", "f2", "size"), run.featureNames());
    assertEquals(0.7016944713428557, run.weights()[1][1]);
    assertEquals(-0.14695373364119144, run.weights()[0][3]);
    assertEquals(-0.14695373364119144, run.weights()[3][0]);
    assertEquals(0.02054238991546233, run.weights()[2][3]);
    assertEquals(3, run.scores().size(), "two folds and the mean");
    assertEquals(0.6719868216069413, run.scores().number(0, "spearman"));
    assertEquals("mean", run.scores().text(2, "fold"));
    assertEquals(0.6373850588615338, run.scores().number(2, "spearman"));
    assertEquals("f0:f1", run.summary().text(1, "unit"));
    assertEquals(-0.153977832349393, run.summary().number(1, "mean"));
    assertEquals(List.of(0, 1), List.copyOf(run.history().keySet()));
    assertEquals(5L, run.provenance().seed());
    assertEquals(1, run.provenance().formatVersion());
    assertEquals("fit", run.provenance().command(),
        "version 1 had no command: a run.json is a fit");
    assertEquals("4.1.0", run.provenance().versions().get("spark"));
    assertEquals("dev", run.provenance().versions().get("mlem"));
    assertEquals(java.time.Instant.parse("2026-12-02T00:56:48.173571634Z"),
        run.provenance().started());
    assertEquals("validation", run.provenance().config().get("stopping"));
    assertEquals(2, run.provenance().inputs().size());
    assertEquals(1203L, run.provenance().inputs().get(1).bytes());
    assertEquals("61ecb15a4497a6308a3592a6e2bf9df6acc8ec51bbb1fbc420c63e09b2506087",
        run.provenance().inputs().get(1).sha256());
    assertEquals(null, run.provenance().inputs().get(1).checksum());
    assertEquals(25.498083484, run.provenance().timings().get("load"));
    assertEquals(List.of(), run.provenance().warnings());
    assertEquals(24, run.provenance().detail("counts").path("stimuli").asInt());
    assertEquals(0.5005128205128205,
        run.provenance().detail("folds").get(0).path("tau_a").asDouble());
  }

  @Test
  void mlemReportBuildsAReportFromTheFrozenRun() throws IOException {
    Path dir = FrozenFiles.copyOf("run", tmp);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "report", dir.toString());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String html = Files.readString(dir.resolve(ReportFiles.REPORT));
    assertTrue(html.contains("f0:f1"), "the interaction unit is shown");
    assertTrue(html.contains("size"), "the ordinal feature is shown");
  }
}
