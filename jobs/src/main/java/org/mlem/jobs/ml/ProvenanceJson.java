package org.mlem.jobs.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.mlem.core.api.Provenance;

/**
 * A core {@link Provenance} record as a JSON object (instants as ISO-8601 strings, maps with
 * sorted keys), the form a fitted {@link MLEMModel} keeps and saves, plus where the fit ran.
 */
final class ProvenanceJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProvenanceJson() {}

  /**
   * The provenance as JSON.
   *
   * @param provenance the analysis's provenance
   * @param sparkVersion the Spark version the fit ran on
   * @param master the Spark master the fit ran on
   */
  static String of(Provenance provenance, String sparkVersion, String master) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", provenance.formatVersion());
    root.put("mlem_version", provenance.mlemVersion());
    root.put("java_version", provenance.javaVersion());
    root.put("os", provenance.os());
    root.put("spark_version", sparkVersion);
    root.put("spark_master", master);
    ObjectNode config = root.putObject("config");
    new TreeMap<>(provenance.config()).forEach(config::put);
    root.put("seed", provenance.seed());
    root.put("stimuli", provenance.stimuli());
    ArrayNode features = root.putArray("features");
    provenance.features().forEach(features::add);
    root.put("batch_size", provenance.batchSize());
    root.put("batch_size_estimated", provenance.batchSizeEstimated());
    root.put("started", provenance.started().toString());
    root.put("finished", provenance.finished().toString());
    ObjectNode timings = root.putObject("timings");
    for (Map.Entry<String, Double> e : new TreeMap<>(provenance.timings()).entrySet()) {
      timings.put(e.getKey(), e.getValue());
    }
    ArrayNode warnings = root.putArray("warnings");
    provenance.warnings().forEach(warnings::add);
    return root.toString();
  }
}
