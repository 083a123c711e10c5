package org.mlem.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

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

  /**
   * Runs a reference script of {@code src/test/python} with /usr/bin/python3 and parses what it
   * prints (the JSON it would commit); skips the calling test (a JUnit assumption) when
   * /usr/bin/python3 or one of {@code modules} is missing, fails it when the script fails or
   * takes over two minutes.
   *
   * @param script the script's path, e.g. "src/test/python/rsa_reference.py"
   * @param modules the modules it imports, e.g. "numpy, scipy"
   */
  public static JsonNode rerun(String script, String modules) throws IOException,
      InterruptedException {
    Assumptions.assumeTrue(new File("/usr/bin/python3").canExecute(), "no /usr/bin/python3");
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import " + modules)
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "python3 lacks one of " + modules);
    Path out = Files.createTempFile("reference", ".json");
    try {
      Process run = new ProcessBuilder("/usr/bin/python3", script)
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Assertions.assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the reference script timed out");
      Assertions.assertEquals(0, run.exitValue(), "the reference script failed");
      return JSON.readTree(out.toFile());
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
