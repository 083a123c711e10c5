package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .npz (numpy.savez and savez_compressed) and .safetensors files written by
 * jobs/src/test/python/make_array_fixtures.py read to the values numpy wrote
 * (resources arrays/expected.json).
 */
class ArchiveFormatsTest {
  private static final Path DIR = Path.of("src/test/resources/arrays");
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  private static JsonNode expected() throws IOException {
    return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
  }

  private static int[] shape(JsonNode e) {
    int[] s = new int[e.get("shape").size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = e.get("shape").get(i).asInt();
    }
    return s;
  }

  private static double[] values(JsonNode e) {
    double[] v = new double[e.get("values").size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.get("values").get(i).asDouble();
    }
    return v;
  }

  @Test
  void storedAndDeflatedNpzArchivesReadToNumpysValues() throws IOException {
    JsonNode npz = expected().get("npz");
    for (String file : List.of("layers.npz", "layers_compressed.npz")) {
      String uri = DIR.resolve(file).toString();
      assertEquals(List.of("layer1", "layer2", "hidden", "counts"),
          NpzReader.members(CONF, uri));
      for (Iterator<Map.Entry<String, JsonNode>> it = npz.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        NumericArray a = NpzReader.read(CONF, uri, e.getKey());
        assertArrayEquals(shape(e.getValue()), a.shape(), file + "#" + e.getKey());
        assertArrayEquals(values(e.getValue()), a.values(), 0, file + "#" + e.getKey());
      }
    }
  }

  @Test
  void safetensorsReadEveryDtypeToTheWrittenValues() throws IOException {
    JsonNode st = expected().get("safetensors");
    String uri = DIR.resolve("model.safetensors").toString();
    assertEquals(List.of("layer.0", "layer.1", "h16", "hbf16", "tokens"),
        SafetensorsReader.members(CONF, uri));
    for (Iterator<Map.Entry<String, JsonNode>> it = st.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      NumericArray a = SafetensorsReader.read(CONF, uri, e.getKey());
      assertArrayEquals(shape(e.getValue()), a.shape(), e.getKey());
      // float16 and bfloat16 are exact in float64, as numpy widens them
      assertArrayEquals(values(e.getValue()), a.values(), 0, e.getKey());
    }
  }

  @Test
  void aThreeDimensionalTensorIsStimuliByTheProductOfTheRest() throws IOException {
    JsonNode tokens = expected().get("safetensors").get("tokens");
    RepresentationInput input = new RepresentationInput(DIR.resolve("model.safetensors")
        .toString(), InputFormat.AUTO, null, null, null, "tokens");
    NumericArray a = new ArrayFormat.Safetensors().array(CONF, input);
    assertArrayEquals(new int[] {5, 6}, a.shape());
    assertArrayEquals(values(tokens), a.values(), 0);
  }

  @Test
  void halfPrecisionSpecialValues() {
    assertEquals(1.0f, SafetensorsReader.halfToFloat((short) 0x3C00));
    assertEquals(-2.0f, SafetensorsReader.halfToFloat((short) 0xC000));
    assertEquals(65504f, SafetensorsReader.halfToFloat((short) 0x7BFF));
    assertEquals(0x1p-24f, SafetensorsReader.halfToFloat((short) 0x0001));
    assertEquals(Float.POSITIVE_INFINITY, SafetensorsReader.halfToFloat((short) 0x7C00));
    assertTrue(Float.isNaN(SafetensorsReader.halfToFloat((short) 0x7E00)));
  }

  @Test
  void missingMembersAndTruncatedFilesAreNamed() throws IOException {
    String npz = DIR.resolve("layers.npz").toString();
    assertEquals(npz + ": the .npz archive has no array 'layer9'; arrays in it: layer1, layer2,"
        + " hidden, counts", assertThrows(InputException.class,
            () -> NpzReader.read(CONF, npz, "layer9")).getMessage());
    byte[] st = Files.readAllBytes(DIR.resolve("model.safetensors"));
    Path cut = tmp.resolve("cut.safetensors");
    Files.write(cut, Arrays.copyOf(st, st.length - 10));
    InputException e = assertThrows(InputException.class,
        () -> SafetensorsReader.read(CONF, cut.toString(), "tokens"));
    assertTrue(e.getMessage().startsWith(cut + ": tensor 'tokens' needs bytes up to "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; the file is truncated"), e.getMessage());
    byte[] zip = Files.readAllBytes(DIR.resolve("layers_compressed.npz"));
    Path cutZip = tmp.resolve("cut.npz");
    Files.write(cutZip, Arrays.copyOf(zip, zip.length / 2));
    InputException z = assertThrows(InputException.class,
        () -> NpzReader.read(CONF, cutZip.toString(), "counts"));
    assertTrue(z.getMessage().startsWith(cutZip + ": "), z.getMessage());
  }
}
