package org.mlem.jobs.output;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.jobs.io.InputFile;

/**
 * Everything one run directory records: the analysis, where its inputs came from, and what the
 * job adds around the core (its own settings, timings, warnings, the representation width).
 *
 * @param analysis the core's result
 * @param inputs provenance of every input file
 * @param warnings non-fatal findings of the job (the core's own are in the analysis)
 * @param dims representation dimensions D, or null for a precomputed RDM
 * @param settings job settings beyond the core config (inputs, distance, master), by CLI key
 * @param timings seconds per job phase (e.g. "load", "spark_start"), added to the core's
 */
public record RunOutput(
    MlemAnalysis analysis, List<InputFile> inputs, List<String> warnings, Integer dims,
    Map<String, String> settings, Map<String, Double> timings) {

  /** Copies the collections. */
  public RunOutput {
    Objects.requireNonNull(analysis, "analysis");
    inputs = List.copyOf(inputs);
    warnings = List.copyOf(warnings);
    settings = Map.copyOf(settings);
    timings = Map.copyOf(timings);
  }

  /** A run with no job-level additions (e.g. an analysis run in-process). */
  public static RunOutput of(MlemAnalysis analysis, List<InputFile> inputs) {
    return new RunOutput(analysis, inputs, List.of(), null, Map.of(), Map.of());
  }
}
