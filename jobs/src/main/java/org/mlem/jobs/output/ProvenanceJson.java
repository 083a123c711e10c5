package org.mlem.jobs.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFile;

/**
 * Writes a {@link ProvenanceRecord} as JSON and reads it back, for every file that carries one
 * ({@code run.json}, {@code sweep.json}, {@code robustness.json}, {@code simulate.json}, a saved
 * MLlib model's {@code data/fit} provenance column).
 *
 * <p>Layout (format version {@value #FORMAT_VERSION}): one object with format_version, command,
 * versions (mlem, spark, java, scala), os, started and finished (ISO-8601), seed, config (string
 * values, by CLI key), inputs (role, uri, bytes, sha256, checksum), then the producer's details
 * (each a top-level key), then timings (seconds) and warnings.
 *
 * <p>Older layouts are read and migrated to the record:
 * <ul>
 *   <li>version 1 with a {@code versions} object ({@code run.json} and {@code sweep.json} of
 *       2026): the same layout without {@code command}, which is the caller's
 *       {@code legacyCommand};
 *   <li>version 1 with flat {@code mlem_version}, {@code java_version}, {@code spark_version}
 *       (an MLlib model's provenance): versions from those, {@code spark_master} becomes
 *       config {@code master}, {@code stimuli} and {@code features} become the details
 *       {@code counts} (stimuli, features) and {@code feature_names}, as a fit's run.json has
 *       them;
 *   <li>no version (robustness.json and simulate.json before version 2): flat
 *       {@code mlem_version} and {@code java}; robustness's {@code settings} merged into config.
 * </ul>
 * In every older layout a config value that is not a string is converted as on the command line
 * (numbers and booleans as text, lists comma-separated), and any other key becomes a detail.
 */
public final class ProvenanceJson {
  /**
   * The provenance layout version, the one constant for every producer; bump on any
   * incompatible change and migrate the previous layout in {@link #read}.
   */
  public static final int FORMAT_VERSION = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> LEGACY_FLAT =
      Set.of("mlem_version", "java_version", "spark_version", "java", "spark_master", "settings");

  private ProvenanceJson() {}

  /**
   * The record as indented JSON text ending in a newline, always in this version's layout (a
   * record read from an older file is written as {@link ProvenanceRecord#current()}).
   */
  public static String write(ProvenanceRecord record) {
    try {
      return PRETTY.writeValueAsString(tree(record)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the provenance of "
          + record.command(), e);
    }
  }

  /** The record as a JSON tree in this version's layout and key order. */
  public static ObjectNode tree(ProvenanceRecord r) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("command", r.command());
    ObjectNode versions = root.putObject("versions");
    r.versions().forEach(versions::put);
    root.put("os", r.os());
    root.put("started", r.started() == null ? null : r.started().toString());
    root.put("finished", r.finished() == null ? null : r.finished().toString());
    root.put("seed", r.seed());
    ObjectNode config = root.putObject("config");
    r.config().forEach(config::put);
    ArrayNode inputs = root.putArray("inputs");
    for (InputFile f : r.inputs()) {
      ObjectNode i = inputs.addObject();
      i.put("role", f.role());
      i.put("uri", f.uri());
      i.put("bytes", f.bytes());
      i.put("sha256", f.sha256());
      i.put("checksum", f.checksum());
    }
    root.setAll(r.details());
    ObjectNode timings = root.putObject("timings");
    r.timings().forEach(timings::put);
    ArrayNode warnings = root.putArray("warnings");
    r.warnings().forEach(warnings::add);
    return root;
  }

  /**
   * Reads a record from JSON text of this or an older layout.
   *
   * @param source the file's URI, for messages
   * @param legacyCommand the command to assume when a version-1 file does not say (e.g. "fit"
   *     for a run.json)
   * @throws InputException naming the source when the text is not JSON, not an object, of a
   *     newer layout, or a field has the wrong type
   */
  public static ProvenanceRecord read(String source, String text, String legacyCommand) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(source + " is not valid JSON: " + e.getOriginalMessage()
          + "; rewrite it by rerunning the command that produced it", e);
    }
    if (node == null || !node.isObject()) {
      throw new InputException(source + ": expected a JSON object, found "
          + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
    }
    return read(source, (ObjectNode) node, legacyCommand);
  }

  private static ProvenanceRecord read(String source, ObjectNode root, String legacyCommand) {
    JsonNode v = root.path("format_version");
    if (!v.isMissingNode() && !v.isInt()) {
      throw new InputException(source + ": format_version must be an integer, found " + v);
    }
    int version = v.isMissingNode() ? 0 : v.asInt();
    if (version > FORMAT_VERSION) {
      throw new InputException(source + " has provenance format version " + version
          + " but this MLEM reads versions up to " + FORMAT_VERSION
          + "; read it with the MLEM version that wrote it, or a newer one");
    }
    ObjectNode r = version == FORMAT_VERSION ? root : migrate(root, legacyCommand);
    Map<String, String> versions = new LinkedHashMap<>();
    object(source, r, "versions").properties().forEach(e ->
        versions.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    Map<String, String> config = new LinkedHashMap<>();
    object(source, r, "config").properties().forEach(e ->
        config.put(e.getKey(), configText(e.getValue())));
    List<InputFile> inputs = new ArrayList<>();
    for (JsonNode i : array(source, r, "inputs")) {
      inputs.add(new InputFile(text(i.path("role")), text(i.path("uri")),
          i.path("bytes").asLong(0), text(i.path("sha256")), text(i.path("checksum"))));
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    object(source, r, "timings").properties().forEach(e -> {
      if (!e.getValue().isNumber()) {
        throw new InputException(source + ": timings." + e.getKey() + " must be a number of "
            + "seconds, found " + e.getValue());
      }
      timings.put(e.getKey(), e.getValue().asDouble());
    });
    List<String> warnings = new ArrayList<>();
    array(source, r, "warnings").forEach(w -> warnings.add(w.asText()));
    JsonNode seed = r.path("seed");
    if (!seed.isMissingNode() && !seed.isNull() && !seed.canConvertToLong()) {
      throw new InputException(source + ": seed must be an integer, found " + seed);
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    r.properties().forEach(e -> {
      if (!ProvenanceRecord.TYPED_KEYS.contains(e.getKey())) {
        details.set(e.getKey(), e.getValue());
      }
    });
    String command = text(r.path("command"));
    return new ProvenanceRecord(version, command != null ? command : legacyCommand, versions,
        text(r.path("os")), instant(source, r, "started"), instant(source, r, "finished"),
        seed.isMissingNode() || seed.isNull() ? null : seed.asLong(), config, inputs, timings,
        warnings, details);
  }

  /** An older layout (version 0 or 1) rewritten as this version's tree. */
  private static ObjectNode migrate(ObjectNode old, String legacyCommand) {
    ObjectNode r = old.deepCopy();
    if (!r.has("command")) {
      r.put("command", legacyCommand);
    }
    if (!r.has("versions")) {
      ObjectNode versions = JsonNodeFactory.instance.objectNode();
      versions.set("mlem", old.get("mlem_version"));
      versions.set("spark", old.get("spark_version"));
      JsonNode java = old.has("java_version") ? old.get("java_version") : old.get("java");
      versions.set("java", java);
      r.set("versions", versions);
    }
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    if (old.path("config").isObject()) {
      config.setAll((ObjectNode) old.get("config"));
    }
    if (old.path("settings").isObject()) {
      config.setAll((ObjectNode) old.get("settings"));
    }
    if (old.has("spark_master")) {
      config.set("master", old.get("spark_master"));
    }
    r.set("config", config);
    if (old.has("mlem_version") && old.path("features").isArray()) {
      ObjectNode counts = JsonNodeFactory.instance.objectNode();
      counts.set("stimuli", old.get("stimuli"));
      counts.put("features", old.get("features").size());
      r.set("counts", counts);
      r.set("feature_names", old.get("features"));
      r.remove(List.of("stimuli", "features"));
    }
    r.remove(LEGACY_FLAT);
    return r;
  }

  /** A value as JSON: maps, lists, strings, numbers, booleans, nulls, JSON nodes. */
  static JsonNode valueTree(Object value) {
    return normalised(MAPPER.valueToTree(value));
  }

  /**
   * A deep copy of a tree with its numbers as reading its text gives them (an int-sized long
   * as an int), so that a record made in memory equals the one read back from its file.
   */
  static <T extends JsonNode> T normalised(T node) {
    try {
      @SuppressWarnings("unchecked")
      T copy = (T) MAPPER.readTree(MAPPER.writeValueAsString(node));
      return copy;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot copy a JSON tree", e);
    }
  }

  private static ObjectNode object(String source, JsonNode r, String key) {
    JsonNode n = r.path(key);
    if (n.isMissingNode() || n.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!n.isObject()) {
      throw new InputException(source + ": " + key + " must be a JSON object, found "
          + n.getNodeType().toString().toLowerCase());
    }
    return (ObjectNode) n;
  }

  private static ArrayNode array(String source, JsonNode r, String key) {
    JsonNode n = r.path(key);
    if (n.isMissingNode() || n.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw new InputException(source + ": " + key + " must be a JSON array, found "
          + n.getNodeType().toString().toLowerCase());
    }
    return (ArrayNode) n;
  }

  private static Instant instant(String source, JsonNode r, String key) {
    String t = text(r.path(key));
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new InputException(source + ": " + key + " must be an ISO-8601 instant such as "
          + "2026-12-02T00:56:48Z, found '" + t + "'", e);
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** A config value as on the command line: a list comma-separated, an object as JSON. */
  private static String configText(JsonNode n) {
    if (n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(x -> parts.add(x.asText()));
      return String.join(",", parts);
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }
}
