package org.mlem.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.mlem.jobs.output.OutputFiles;

/**
 * Where the time of a benchmarked job went, read back from what the job recorded: a run
 * directory's {@code run.json} timings (read and encode, batch-size estimation, fit, importance)
 * or a sweep's {@code sweep.json} (features, shared batch size, sets, combined table); what the
 * job's wall clock holds beyond them (writing the run directory and the report, for a sweep the
 * reports) is the remainder. One line per job, for {@code mlem bench}.
 */
final class TimeBreakdown {
  private TimeBreakdown() {}

  /**
   * The breakdown of one fit.
   *
   * @param runDir the fit's run directory (local)
   * @param jobSeconds the job's wall-clock seconds, from its start to its report
   */
  static String ofRun(Path runDir, double jobSeconds) {
    JsonNode t = timings(runDir.resolve(OutputFiles.RUN_JSON));
    double load = t.path("load").asDouble();
    double batch = t.path("batch_size").asDouble();
    double fit = t.path("fit").asDouble();
    double importance = t.path("importance").asDouble();
    double analysis = t.path("analysis").asDouble();
    return String.format(Locale.ROOT, "read + encode %.2f s, batch size %.2f s, fit %.2f s, "
        + "importance %.2f s, other analysis %.2f s, write + report %.2f s (job %.2f s)", load,
        batch, fit, importance, Math.max(0, analysis - batch - fit - importance),
        Math.max(0, jobSeconds - load - analysis), jobSeconds);
  }

  /**
   * The breakdown of one sweep.
   *
   * @param sweepDir the sweep's output directory (local)
   * @param sweepSeconds the sweep's wall-clock seconds
   */
  static String ofSweep(Path sweepDir, double sweepSeconds) {
    JsonNode t = timings(sweepDir.resolve(OutputFiles.SWEEP_JSON));
    double features = t.path("load_features").asDouble();
    double batch = t.path("batch_size").asDouble();
    double sets = t.path("sets").asDouble();
    double combine = t.path("combine").asDouble();
    return String.format(Locale.ROOT, "features %.2f s, shared batch size %.2f s, sets %.2f s, "
        + "combined table %.2f s, sweep.json + reports %.2f s (sweep %.2f s)", features, batch,
        sets, combine, Math.max(0, sweepSeconds - features - batch - sets - combine),
        sweepSeconds);
  }

  private static JsonNode timings(Path json) {
    try {
      JsonNode t = new ObjectMapper().readTree(json.toFile()).path("timings");
      if (!t.isObject()) {
        throw new IllegalStateException(json + " records no timings");
      }
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + json, e);
    }
  }
}
