package org.mlem.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * Flattens parts of a {@link ProvenanceRecord} (and of its JSON details) into the text of the
 * reports' key/value tables; the files themselves are read by {@code ProvenanceJson}.
 */
final class JsonFiles {
  private JsonFiles() {}

  /**
   * A node as table text: fractional numbers in the reports' {@link Format} (integers, e.g.
   * seeds and byte counts, exactly), other scalars as themselves, arrays and objects as compact
   * JSON.
   */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "";
    }
    if (node.isFloatingPointNumber()) {
      return Format.number(node.asDouble());
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** The fields of an object as key/text pairs, in file order (empty when not an object). */
  static Map<String, String> fields(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        out.put(e.getKey(), text(e.getValue()));
      }
    }
    return out;
  }

  /**
   * The record's scalar facts for a "Run" table: format_version, command, os, started,
   * finished, seed, then the scalar details (e.g. batch_size); a missing value is blank.
   */
  static Map<String, String> scalars(ProvenanceRecord r) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("format_version", Integer.toString(r.formatVersion()));
    out.put("command", text(r.command()));
    out.put("os", text(r.os()));
    out.put("started", r.started() == null ? "" : r.started().toString());
    out.put("finished", r.finished() == null ? "" : r.finished().toString());
    out.put("seed", r.seed() == null ? "" : r.seed().toString());
    out.putAll(scalars(r.details()));
    return out;
  }

  /** The record's timings in the reports' number format. */
  static Map<String, String> timings(ProvenanceRecord r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.timings().forEach((k, v) -> out.put(k, Format.number(v)));
    return out;
  }

  /** A string map with null values blank. */
  static Map<String, String> texts(Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, text(v)));
    return out;
  }

  /** A string, blank for null. */
  static String text(String s) {
    return s == null ? "" : s;
  }

  /** The scalar top-level fields of an object (nested objects and arrays left out). */
  static Map<String, String> scalars(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (e.getValue().isValueNode()) {
          out.put(e.getKey(), text(e.getValue()));
        }
      }
    }
    return out;
  }
}
