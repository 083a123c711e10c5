package org.mlem.jobs.ml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mlem.core.api.Provenance;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The {@link ProvenanceRecord} a fitted {@link MLEMModel} keeps and saves (command "mllib"):
 * the core's provenance with where the fit ran (config {@code master}), and the details counts
 * (stimuli, features), feature_names, batch_size and batch_size_estimated as a fit's run.json
 * has them.
 */
final class FitProvenance {
  private FitProvenance() {}

  /**
   * The record of a fit.
   *
   * @param provenance the analysis's provenance
   * @param sparkVersion the Spark version the fit ran on
   * @param master the Spark master the fit ran on
   */
  static ProvenanceRecord of(Provenance provenance, String sparkVersion, String master) {
    Map<String, String> config = new TreeMap<>(provenance.config());
    config.put("master", master);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("stimuli", provenance.stimuli());
    counts.put("features", provenance.features().size());
    return ProvenanceRecord.builder(ProvenanceRecord.MLLIB).software(provenance).spark(sparkVersion)
        .times(provenance.started(), provenance.finished()).seed(provenance.seed())
        .config(config)
        .detail("counts", counts)
        .detail("feature_names", provenance.features())
        .detail("batch_size", provenance.batchSize())
        .detail("batch_size_estimated", provenance.batchSizeEstimated())
        .timings(new TreeMap<>(provenance.timings()))
        .warnings(provenance.warnings()).build();
  }
}
