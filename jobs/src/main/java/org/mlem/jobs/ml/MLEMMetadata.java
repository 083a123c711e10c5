package org.mlem.jobs.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.api.Provenance;

/**
 * The {@code metadata/} directory of a saved MLEM estimator or model: one JSON line (a text
 * file written by Spark, so any Hadoop filesystem works) with the keys of Spark's own layout,
 * so Spark's {@code PipelineModel} can read it to find our reader:
 * {@code class}, {@code timestamp} (ms), {@code sparkVersion}, {@code uid}, {@code paramMap}
 * (the explicitly set params), {@code defaultParamMap} (every default), plus
 * {@code mlemVersion}. Param values are each param's own {@code jsonEncode} form.
 */
final class MLEMMetadata {
  static final String DIRECTORY = "metadata";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MLEMMetadata() {}

  /** Writes the metadata of the instance under {@code path/metadata}. */
  static void write(Params instance, String path, SparkSession spark) {
    ObjectNode root = JSON.createObjectNode();
    root.put("class", instance.getClass().getName());
    root.put("timestamp", System.currentTimeMillis());
    root.put("sparkVersion", spark.version());
    root.put("uid", instance.uid());
    root.put("mlemVersion", Provenance.projectVersion());
    ObjectNode set = root.putObject("paramMap");
    ObjectNode defaults = root.putObject("defaultParamMap");
    for (Param<?> declared : instance.params()) {
      Param<Object> param = instance.getParam(declared.name());
      if (instance.isSet(param)) {
        set.set(param.name(), parse(param.jsonEncode(instance.get(param).get())));
      }
      if (instance.hasDefault(param)) {
        defaults.set(param.name(), parse(param.jsonEncode(instance.getDefault(param).get())));
      }
    }
    spark.createDataset(List.of(root.toString()), Encoders.STRING()).coalesce(1).write()
        .text(path + "/" + DIRECTORY);
  }

  /**
   * Reads the metadata under {@code path/metadata} and checks its class.
   *
   * @throws IllegalArgumentException if it names another class or is not valid JSON
   */
  static JsonNode read(String path, Class<?> expected, SparkSession spark) {
    List<Row> lines = org.mlem.jobs.io.LiteralPaths.read(spark).text(path + "/" + DIRECTORY).collectAsList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(path + "/" + DIRECTORY + " holds no metadata line;"
          + " is this a saved " + expected.getSimpleName() + "?");
    }
    JsonNode root = parse(lines.get(0).getString(0));
    String found = root.path("class").asText();
    if (!expected.getName().equals(found)) {
      throw new IllegalArgumentException("Error loading metadata: expected class name "
          + expected.getName() + " but found class name " + found + " in " + path);
    }
    return root;
  }

  /** Sets the saved params and defaults on a fresh instance of the saved uid. */
  static void applyParams(JsonNode metadata, Params instance) {
    apply(metadata.path("defaultParamMap"), instance, true);
    apply(metadata.path("paramMap"), instance, false);
  }

  private static void apply(JsonNode values, Params instance, boolean defaults) {
    Iterator<String> names = values.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!instance.hasParam(name)) {
        throw new IllegalArgumentException("saved " + instance.getClass().getSimpleName()
            + " has an unknown param '" + name + "'; it was saved by another"
            + " version of MLEM");
      }
      Param<Object> param = instance.getParam(name);
      Object value = param.jsonDecode(values.get(name).toString());
      if (defaults) {
        instance.setDefault(param, value);
      } else {
        instance.set(param, value);
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + json, e);
    }
  }
}
