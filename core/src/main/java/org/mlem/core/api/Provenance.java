package org.mlem.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a result came from: the resolved configuration, the seed, the data's shape, the
 * software, the timings and every warning. Immutable; the jobs write it (with the one versioned
 * provenance layout, which is theirs) in run.json and in a saved MLlib model.
 *
 * @param mlemVersion project version (from the jar manifest, "dev" when run from classes)
 * @param javaVersion the JVM's version
 * @param os operating system name and architecture
 * @param config resolved configuration, keys as on the command line
 * @param seed the run seed
 * @param stimuli number of stimuli n
 * @param features feature names in W's order
 * @param batchSize resolved batch size
 * @param batchSizeEstimated whether it was estimated
 * @param started when the analysis started
 * @param finished when it finished
 * @param timings seconds per phase ("batch_size", "fit", "importance", "total")
 * @param warnings warnings raised along the way
 */
public record Provenance(
    String mlemVersion,
    String javaVersion,
    String os,
    Map<String, String> config,
    long seed,
    int stimuli,
    List<String> features,
    int batchSize,
    boolean batchSizeEstimated,
    Instant started,
    Instant finished,
    Map<String, Double> timings,
    List<String> warnings) {

  /** Copies the collections. */
  public Provenance {
    config = Map.copyOf(config);
    features = List.copyOf(features);
    timings = Map.copyOf(timings);
    warnings = List.copyOf(warnings);
  }

  /** The project version from the jar manifest, or "dev". */
  public static String projectVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
