package org.mlem.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the reference numbers in {@code src/test/resources/testvectors/*.json}: values from the
 * reference implementations (soft rank, Spearman, weighted tau; each file's {@code source}
 * names the implementation that produced it) and the output of the scripts
 * in {@code src/test/python} (rho-a, the random SPD distribution, the batch-size reference), each
 * script naming how to regenerate its file. Each file has a {@code source} naming the reference
 * implementation; most have a list of {@code cases}.
 */
public final class TestVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestVectors() {}

  /** The parsed file, e.g. {@code load("soft_rank.json")}. */
  public static JsonNode load(String name) {
    String resource = "/testvectors/" + name;
    try (InputStream in = TestVectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test vector file not found on the classpath: " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The {@code cases} array of a test vector file. */
  public static List<JsonNode> cases(String name) {
    List<JsonNode> out = new ArrayList<>();
    load(name).get("cases").forEach(out::add);
    return out;
  }

  /** A JSON array of numbers as a double[]. */
  public static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
