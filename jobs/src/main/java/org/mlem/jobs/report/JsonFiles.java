package org.mlem.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlem.jobs.io.InputException;

/** Reads the jobs' JSON provenance files into trees and flattens parts of them for tables. */
final class JsonFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFiles() {}

  /**
   * Parses JSON text.
   *
   * @throws InputException naming the file when it is not valid JSON
   */
  static JsonNode parse(String source, String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || !node.isObject()) {
        throw new InputException(source + ": expected a JSON object, found "
            + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InputException(source + " is not valid JSON: " + e.getOriginalMessage()
          + "; rewrite it by rerunning the command that produced it", e);
    }
  }

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
