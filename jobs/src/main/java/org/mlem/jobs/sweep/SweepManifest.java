package org.mlem.jobs.sweep;

import org.mlem.jobs.output.SetStatus;
import org.mlem.jobs.output.SweepFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.api.Provenance;

/**
 * The content of {@code OUT/sweep.json}: format_version, versions, started, finished, config
 * (the resolved settings by CLI key), batch_size (as in batch_size.json), sets (per set: index,
 * name, uri, seed, status, reason, seconds, run directory), counts (ok, failed,
 * skipped-complete) and timings (seconds).
 */
final class SweepManifest {
  /** Layout version of sweep.json; bump on any incompatible change. */
  static final int FORMAT_VERSION = 1;

  private SweepManifest() {}

  /** The JSON text. */
  static String json(SweepSettings settings, SweepResult result, String sparkVersion,
      Instant started, Instant finished, Map<String, Double> timings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    m.put("versions", Map.of("mlem", Provenance.projectVersion(), "spark", sparkVersion,
        "java", System.getProperty("java.version")));
    m.put("started", started.toString());
    m.put("finished", finished.toString());
    m.put("config", settings.toMap());
    SharedBatchSize b = result.batchSize();
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("batch_size", b.batchSize());
    batch.put("rounds", b.rounds());
    batch.put("max_std", b.maxStd());
    batch.put("warnings", b.warnings());
    batch.put("features", b.features());
    batch.put("seed", b.seed());
    m.put("batch_size", batch);
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
          : SweepFiles.RUNS + "/" + SweepFiles.runDirName(o.set().name()));
      sets.add(s);
      counts.merge(o.status().label(), 1, Integer::sum);
    }
    m.put("sets", sets);
    m.put("counts", counts);
    m.put("timings", timings);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise sweep.json", e);
    }
  }
}
