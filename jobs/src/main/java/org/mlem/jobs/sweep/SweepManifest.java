package org.mlem.jobs.sweep;

import org.mlem.jobs.output.SetStatus;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.SweepFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The {@link ProvenanceRecord} of a sweep, written as {@code OUT/sweep.json}: command "sweep",
 * versions, started, finished, seed (the base seed each set's is derived from), config (the
 * resolved settings by CLI key), timings (seconds), and the details batch_size (as in
 * batch_size.json), sets (per set: index, name, uri, seed, status, reason, seconds, run
 * directory) and counts (ok, failed, skipped-complete).
 */
final class SweepManifest {
  private SweepManifest() {}

  /** The JSON text. */
  static String json(SweepSettings settings, SweepResult result, String sparkVersion,
      Instant started, Instant finished, Map<String, Double> timings) {
    return ProvenanceJson.write(of(settings, result, sparkVersion, started, finished, timings));
  }

  /** The record. */
  static ProvenanceRecord of(SweepSettings settings, SweepResult result, String sparkVersion,
      Instant started, Instant finished, Map<String, Double> timings) {
    SharedBatchSize b = result.batchSize();
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("batch_size", b.batchSize());
    batch.put("rounds", b.rounds());
    batch.put("max_std", b.maxStd());
    batch.put("warnings", b.warnings());
    batch.put("features", b.features());
    batch.put("seed", b.seed());
    List<Map<String, Object>> sets = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (SetStatus s : SetStatus.values()) {
      counts.put(s.label(), 0);
    }
    int index = 0;
    for (SetOutcome o : result.sets()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("index", ++index);
      s.put("name", o.set().name());
      s.put("uri", o.set().uri());
      s.put("seed", o.seed());
      s.put("status", o.status().label());
      s.put("reason", o.reason());
      s.put("seconds", o.seconds());
      s.put("run", o.status() == SetStatus.FAILED ? null
          : OutputFiles.SWEEP_RUNS + "/" + SweepFiles.runDirName(o.set().name()));
      sets.add(s);
      counts.merge(o.status().label(), 1, Integer::sum);
    }
    return ProvenanceRecord.builder(ProvenanceRecord.SWEEP).spark(sparkVersion)
        .times(started, finished)
        .seed(settings.fit().config().training().seed()).config(settings.toMap())
        .detail("batch_size", batch).detail("sets", sets).detail("counts", counts)
        .timings(timings).build();
  }
}
