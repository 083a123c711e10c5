package org.mlem.jobs.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.core.api.Provenance;
import org.mlem.jobs.io.InputFile;

/**
 * Where an output of MLEM came from, in one shape for every producer: a fit's {@code run.json},
 * a saved MLlib model's provenance, a sweep's {@code sweep.json}, {@code robustness.json} and
 * {@code simulate.json}. Written and read back by {@link ProvenanceJson}; the reports and the
 * MLlib model loader read it instead of picking JSON fields by hand.
 *
 * <p>The fields every producer has are typed; what only one producer records (a fit's folds,
 * scores and importance block, a sweep's sets, a study's grid) is in {@link #details}, a JSON
 * object whose keys sit at the top level of the file beside the typed ones.
 *
 * @param formatVersion the layout version the record was read from ({@link
 *     ProvenanceJson#FORMAT_VERSION} for a record made now)
 * @param command the producer: "fit", "mllib", "sweep", "robustness", "simulate", "searchlight"
 *     or "rsa"
 * @param versions software versions by name (mlem, spark, java, scala; a value is null when not
 *     known), in that order
 * @param os operating system name and architecture, or null when not recorded
 * @param started when the command started, or null when not recorded
 * @param finished when it finished, or null when not recorded
 * @param seed the run seed, or null when the command has no single seed (simulate)
 * @param config the resolved configuration with defaults, by CLI key, values as on the command
 *     line (a list comma-separated)
 * @param inputs the input files (role, URI, size, SHA-256, filesystem checksum), in read order
 * @param timings seconds per phase
 * @param warnings every warning raised, in order
 * @param details the producer's own blocks, a JSON object (never null)
 */
public record ProvenanceRecord(
    int formatVersion,
    String command,
    Map<String, String> versions,
    String os,
    Instant started,
    Instant finished,
    Long seed,
    Map<String, String> config,
    List<InputFile> inputs,
    Map<String, Double> timings,
    List<String> warnings,
    ObjectNode details) {

  /** The command of a fit's run.json. */
  public static final String FIT = "fit";
  /** The command of a saved MLlib model's provenance. */
  public static final String MLLIB = "mllib";
  /** The command of sweep.json. */
  public static final String SWEEP = "sweep";
  /** The command of robustness.json. */
  public static final String ROBUSTNESS = "robustness";
  /** The command of efficiency.json. */
  public static final String EFFICIENCY = "efficiency";
  /** The command of simulate.json. */
  public static final String SIMULATE = "simulate";
  /** The command of searchlight.json. */
  public static final String SEARCHLIGHT = "searchlight";
  /** The command of rsa.json. */
  public static final String RSA = "rsa";

  /** The top-level keys of the typed fields; a detail cannot use one of them. */
  public static final Set<String> TYPED_KEYS = Set.of("format_version", "command", "versions",
      "os", "started", "finished", "seed", "config", "inputs", "timings", "warnings");

  /** Copies every collection (keeping its order) and normalises the details. */
  public ProvenanceRecord {
    versions = ordered(versions);
    config = ordered(config);
    inputs = List.copyOf(inputs);
    timings = ordered(timings);
    warnings = List.copyOf(warnings);
    details = details == null ? JsonNodeFactory.instance.objectNode()
        : ProvenanceJson.normalised(details);
    for (String key : TYPED_KEYS) {
      if (details.has(key)) {
        throw new IllegalArgumentException("detail '" + key + "' would hide the typed field of"
            + " the same name; details may not use " + TYPED_KEYS);
      }
    }
  }

  /** A copy of the details object. */
  @Override
  public ObjectNode details() {
    return details.deepCopy();
  }

  /** One detail (a copy), or a missing node when the producer did not record it. */
  public JsonNode detail(String key) {
    return details.path(key).deepCopy();
  }

  /** This record as written today: the same fields with the current format version. */
  public ProvenanceRecord current() {
    return new ProvenanceRecord(ProvenanceJson.FORMAT_VERSION, command, versions, os, started,
        finished, seed, config, inputs, timings, warnings, details);
  }

  /** A config value, or {@code fallback} when the key was not recorded. */
  public String config(String key, String fallback) {
    String v = config.get(key);
    return v != null ? v : fallback;
  }

  /** The URI of the first input of that role, or null. */
  public String inputUri(String role) {
    for (InputFile f : inputs) {
      if (role.equals(f.role())) {
        return f.uri();
      }
    }
    return null;
  }

  /**
   * Starts a record of {@code command} made now: current format version, this MLEM's version,
   * the JVM's Java version, Scala's version and this OS.
   */
  /**
   * The version of the Spark library on the classpath: what a run that started no session
   * records (the same as a local session's {@code version()}).
   */
  public static String sparkLibraryVersion() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  public static Builder builder(String command) {
    return new Builder(command);
  }

  private static <V> Map<String, V> ordered(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** Builds a record field by field; the software fields default to this process's. */
  public static final class Builder {
    private final String command;
    private String mlemVersion = Provenance.projectVersion();
    private String sparkVersion;
    private String javaVersion = System.getProperty("java.version");
    private String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
    private Instant started;
    private Instant finished;
    private Long seed;
    private Map<String, String> config = Map.of();
    private List<InputFile> inputs = List.of();
    private Map<String, Double> timings = Map.of();
    private List<String> warnings = List.of();
    private final ObjectNode details = JsonNodeFactory.instance.objectNode();

    private Builder(String command) {
      this.command = command;
    }

    /** The software as a core {@link Provenance} recorded it (MLEM and Java version, OS). */
    public Builder software(Provenance p) {
      mlemVersion = p.mlemVersion();
      javaVersion = p.javaVersion();
      os = p.os();
      return this;
    }

    /** Spark's version, or null when not known. */
    public Builder spark(String version) {
      sparkVersion = version;
      return this;
    }

    /** When it started and finished. */
    public Builder times(Instant started, Instant finished) {
      this.started = started;
      this.finished = finished;
      return this;
    }

    /** The run seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The resolved configuration by CLI key. */
    public Builder config(Map<String, String> config) {
      this.config = config;
      return this;
    }

    /**
     * The resolved configuration from values of any type: lists comma-separated as on the
     * command line, anything else as its string.
     */
    public Builder configValues(Map<String, ?> values) {
      Map<String, String> m = new LinkedHashMap<>();
      values.forEach((k, v) -> m.put(k, configText(v)));
      this.config = m;
      return this;
    }

    /** The input files. */
    public Builder inputs(List<InputFile> inputs) {
      this.inputs = inputs;
      return this;
    }

    /** Seconds per phase. */
    public Builder timings(Map<String, Double> timings) {
      this.timings = timings;
      return this;
    }

    /** The warnings. */
    public Builder warnings(List<String> warnings) {
      this.warnings = warnings;
      return this;
    }

    /** A producer's own block: maps, lists, strings, numbers, booleans, nulls. */
    public Builder detail(String key, Object value) {
      details.set(key, ProvenanceJson.valueTree(value));
      return this;
    }

    /** The record. */
    public ProvenanceRecord build() {
      Map<String, String> versions = new LinkedHashMap<>();
      versions.put("mlem", mlemVersion);
      versions.put("spark", sparkVersion);
      versions.put("java", javaVersion);
      versions.put("scala", scala.util.Properties.versionNumberString());
      return new ProvenanceRecord(ProvenanceJson.FORMAT_VERSION, command, versions, os, started,
          finished, seed, config, inputs, timings, warnings, details);
    }

    private static String configText(Object v) {
      if (v instanceof Iterable<?> list) {
        List<String> parts = new ArrayList<>();
        list.forEach(x -> parts.add(String.valueOf(x)));
        return String.join(",", parts);
      }
      return String.valueOf(v);
    }
  }
}
