package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's breakdown lines from hand-written run.json / sweep.json timings. */
class TimeBreakdownTest {
  @TempDir Path tmp;

  @Test
  void aRunsRemainderIsWhatTheJobSpentOutsideReadingAndAnalysis() throws IOException {
    Files.writeString(tmp.resolve("run.json"), "{\"timings\": {\"load\": 1.5, \"batch_size\": 0.25,"
        + " \"fit\": 2.0, \"importance\": 1.0, \"analysis\": 3.5, \"total\": 3.5}}");
    // other analysis 3.5 - 0.25 - 2 - 1 = 0.25; write + report 6 - 1.5 - 3.5 = 1
    assertEquals("read + encode 1.50 s, batch size 0.25 s, fit 2.00 s, importance 1.00 s, "
        + "other analysis 0.25 s, write + report 1.00 s (job 6.00 s)",
        TimeBreakdown.ofRun(tmp, 6.0));
  }

  @Test
  void aSweepsRemainderIsItsReports() throws IOException {
    Files.writeString(tmp.resolve("sweep.json"), "{\"timings\": {\"load_features\": 0.5,"
        + " \"batch_size\": 0.25, \"sets\": 30.0, \"combine\": 2.0}}");
    assertEquals("features 0.50 s, shared batch size 0.25 s, sets 30.00 s, combined table "
        + "2.00 s, sweep.json + reports 7.25 s (sweep 40.00 s)", TimeBreakdown.ofSweep(tmp, 40.0));
  }

  @Test
  void aFileWithoutTimingsIsNamed() throws IOException {
    Files.writeString(tmp.resolve("run.json"), "{}");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TimeBreakdown.ofRun(tmp, 1.0));
    assertEquals(tmp.resolve("run.json") + " records no timings", e.getMessage());
  }
}
