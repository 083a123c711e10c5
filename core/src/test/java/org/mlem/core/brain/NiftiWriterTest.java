package org.mlem.core.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images written and read back by {@link NiftiReader} (shape, values with NaN, affine from the
 * sform, and the qform's quaternion turned back into an affine by {@link Affine#qform}), the
 * header's fields read from the bytes at the NIfTI-1 offsets, and, when {@code /usr/bin/python3}
 * has nibabel (or the system property {@code mlem.python} names another interpreter), nibabel
 * reading the same files (core/src/test/python/check_written_map.py).
 */
class NiftiWriterTest {
  /** The sform is stored as float32: entries below 8 in magnitude round by under 5e-7. */
  private static final double AFFINE_TOLERANCE = 1e-6;
  /** The quaternion is stored as float32: the qform's rotation rounds by about 1e-7. */
  private static final double QFORM_TOLERANCE = 1e-5;
  private static final int[] SHAPE = {4, 5, 3};
  private static final Path PYTHON = Path.of(System.getProperty("mlem.python",
      "/usr/bin/python3"));
  private static final Path SCRIPT = Path.of("src/test/python/check_written_map.py");

  @TempDir
  Path dir;

  /** R(axis, degrees) diag(zooms) (column 0 negated when flipped), offset exact in float32. */
  static Affine affine(double[] axis, double degrees, double[] zooms, boolean flip) {
    double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    double x = axis[0] / n;
    double y = axis[1] / n;
    double z = axis[2] / n;
    double c = Math.cos(Math.toRadians(degrees));
    double s = Math.sin(Math.toRadians(degrees));
    double t = 1 - c;
    double[][] r = {
        {t * x * x + c, t * x * y - s * z, t * x * z + s * y},
        {t * x * y + s * z, t * y * y + c, t * y * z - s * x},
        {t * x * z - s * y, t * y * z + s * x, t * z * z + c}};
    double[] offset = {-40.5, 12.25, 7};
    double[] rows = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rows[4 * i + j] = r[i][j] * zooms[j] * (flip && j == 0 ? -1 : 1);
      }
      rows[4 * i + 3] = offset[i];
    }
    return new Affine(rows, "sform");
  }

  static final Affine ALIGNED = affine(new double[] {0, 0, 1}, 0, new double[] {2, 2.5, 3},
      false);
  static final Affine OBLIQUE = affine(new double[] {1, 2, 3}, 35, new double[] {2, 2.5, 3},
      false);
  static final Affine LEFT = affine(new double[] {0, 1, 1}, -20, new double[] {1.5, 1.5, 2},
      true);

  static float[] values(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      v[k] = (float) random.nextGaussian();
    }
    v[1] = Float.NaN;
    v[n - 2] = Float.NaN;
    return v;
  }

  static NiftiVolume readBack(Path path) throws IOException {
    return NiftiReader.readVolume(Files.newInputStream(path), path.toString());
  }

  static void assertValues(float[] expected, double[] got) {
    assertEquals(expected.length, got.length);
    for (int k = 0; k < expected.length; k++) {
      assertEquals((double) expected[k], got[k], 0, "voxel " + k);
    }
  }

  @Test
  void aMapReadsBackWithItsShapeValuesAndAffine() throws IOException {
    int n = 60;
    for (Affine a : List.of(ALIGNED, OBLIQUE, LEFT)) {
      for (String name : List.of("map.nii", "map.nii.gz")) {
        float[] v = values(n, 7);
        Path path = dir.resolve(name);
        NiftiWriter.write(path, SHAPE, a, v, "score map");
        NiftiVolume back = readBack(path);
        assertArrayEquals(SHAPE, back.shape());
        assertValues(v, back.values());
        assertTrue(Double.isNaN(back.values()[1]) && Double.isNaN(back.values()[n - 2]));
        assertEquals("sform", back.affine().method());
        assertTrue(back.affine().closeTo(a, AFFINE_TOLERANCE), back.affine() + " vs " + a);
        byte[] bytes = Files.readAllBytes(path);
        boolean gz = (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        assertEquals(name.endsWith(".gz"), gz, name);
        if (!gz) {
          assertEquals(352 + 4 * n, bytes.length);
        }
      }
    }
  }

  @Test
  void theQformHoldsTheSameRotationVoxelSizesHandednessAndOffset() throws IOException {
    List<Affine> affines = List.of(ALIGNED, OBLIQUE, LEFT,
        // 180 degrees about z (trace -1), 160 about (1, 1, 0), 170 about x, a flipped one
        affine(new double[] {0, 0, 1}, 180, new double[] {2, 2, 2}, false),
        affine(new double[] {1, 1, 0}, 160, new double[] {1, 2, 3}, false),
        affine(new double[] {1, 0, 0}, 170, new double[] {3, 2, 1}, false),
        affine(new double[] {0, 1, 0}, 175, new double[] {1, 1, 1}, true));
    for (Affine a : affines) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      NiftiWriter.write(out, SHAPE, a, new float[60], null);
      NiftiHeader h = NiftiHeader.parse(java.util.Arrays.copyOf(out.toByteArray(), 348), "x");
      double[] p = h.pixdim();
      Affine q = Affine.qform(h.quatern(), new double[] {p[1], p[2], p[3]}, p[0], h.qoffset());
      assertTrue(q.closeTo(a, QFORM_TOLERANCE), q + " vs " + a);
      double det = a.get(0, 0) * (a.get(1, 1) * a.get(2, 2) - a.get(1, 2) * a.get(2, 1))
          - a.get(0, 1) * (a.get(1, 0) * a.get(2, 2) - a.get(1, 2) * a.get(2, 0))
          + a.get(0, 2) * (a.get(1, 0) * a.get(2, 1) - a.get(1, 1) * a.get(2, 0));
      assertEquals(det < 0 ? -1.0 : 1.0, p[0], a.toString());
    }
  }

  @Test
  void theHeaderFieldsAreAtTheirNifti1Offsets() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String long80 = "x".repeat(70) + "é" + "y".repeat(20);
    NiftiWriter.write(out, SHAPE, ALIGNED, values(60, 1), long80);
    ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(348, b.getInt(0));
    short[] dim = new short[8];
    for (int d = 0; d < 8; d++) {
      dim[d] = b.getShort(40 + 2 * d);
    }
    assertArrayEquals(new short[] {3, 4, 5, 3, 1, 1, 1, 1}, dim);
    assertEquals(16, b.getShort(70));
    assertEquals(32, b.getShort(72));
    assertEquals(1f, b.getFloat(76));
    assertEquals(2f, b.getFloat(80));
    assertEquals(2.5f, b.getFloat(84));
    assertEquals(3f, b.getFloat(88));
    assertEquals(352f, b.getFloat(108));
    assertEquals(1f, b.getFloat(112));
    assertEquals(0f, b.getFloat(116));
    assertEquals(2, b.get(123));
    assertEquals(2, b.getShort(252));
    assertEquals(2, b.getShort(254));
    assertEquals(-40.5f, b.getFloat(268));
    assertEquals(2f, b.getFloat(280));
    assertEquals(-40.5f, b.getFloat(292));
    assertEquals(7f, b.getFloat(324));
    byte[] descrip = new byte[80];
    b.get(148, descrip);
    assertEquals(0, descrip[79]);
    assertEquals("x".repeat(70) + "?" + "y".repeat(8),
        new String(descrip, 0, 79, StandardCharsets.US_ASCII));
    byte[] magic = new byte[4];
    b.get(344, magic);
    assertArrayEquals(new byte[] {'n', '+', '1', 0}, magic);
    assertEquals(0, b.getInt(348)); // no extension
  }

  @Test
  void aSeriesReadsBackVolumeByVolume() throws IOException {
    float[] v = values(3 * 60, 3);
    Path path = dir.resolve("series.nii.gz");
    NiftiWriter.writeSeries(path, SHAPE, 3, OBLIQUE, v, "betas");
    try (NiftiReader r = NiftiReader.open(Files.newInputStream(path), "series")) {
      assertEquals(3, r.volumes());
      assertArrayEquals(SHAPE, r.shape());
      assertEquals(4, r.header().dims().length);
      for (int t = 0; t < 3; t++) {
        assertValues(java.util.Arrays.copyOfRange(v, 60 * t, 60 * (t + 1)), r.nextVolume());
      }
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path path = dir.resolve("bad.nii.gz");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NiftiWriter.write(path, SHAPE, ALIGNED, new float[59], "x"));
    assertEquals("59 values do not fill a volume of (4, 5, 3) (60 values)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NiftiWriter.write(path, SHAPE,
        new Affine(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, "sform"), new float[60],
        "x"));
    assertThrows(IllegalArgumentException.class, () -> NiftiWriter.write(path,
        new int[] {4, 0, 3}, ALIGNED, new float[0], "x"));
    assertThrows(IllegalArgumentException.class, () -> NiftiWriter.write(path, SHAPE,
        new Affine(new double[] {1, 0, 0, Double.NaN, 0, 1, 0, 0, 0, 0, 1, 0}, "sform"),
        new float[60], "x"));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
    assertFalse(Files.exists(path));
  }

  @Test
  void nibabelReadsTheSameShapeAffineAndValues() throws Exception {
    Assumptions.assumeTrue(hasNibabel(), PYTHON + " with nibabel is not available");
    ObjectMapper json = new ObjectMapper();
    int n = 60;
    for (Affine a : List.of(ALIGNED, OBLIQUE, LEFT)) {
      float[] v = values(n, 11);
      Path image = dir.resolve("map.nii.gz");
      NiftiWriter.write(image, SHAPE, a, v, "score map");
      ArrayNode list = json.createArrayNode();
      double sum = 0;
      for (float x : v) {
        if (Float.isNaN(x)) {
          list.addNull();
        } else {
          list.add((double) x);
          sum += x;
        }
      }
      Path expected = dir.resolve("expected.json");
      json.writeValue(expected.toFile(), json.createObjectNode().set("values", list));
      JsonNode got = json.readTree(run(image, expected));
      assertEquals(List.of(4, 5, 3), json.convertValue(got.get("shape"), List.class));
      assertEquals(16, got.get("datatype").asInt());
      assertEquals(2, got.get("sform_code").asInt());
      assertEquals(2, got.get("qform_code").asInt());
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          assertEquals(a.get(r, c), got.get("affine").get(r).get(c).asDouble(),
              AFFINE_TOLERANCE, "sform " + r + "," + c + " of " + a);
          assertEquals(a.get(r, c), got.get("qform").get(r).get(c).asDouble(),
              QFORM_TOLERANCE, "qform " + r + "," + c + " of " + a);
        }
      }
      assertEquals(a == LEFT ? -1.0 : 1.0, got.get("qfac").asDouble());
      assertEquals(2, got.get("nan_count").asInt());
      assertEquals(0, got.get("nan_mismatch").asInt());
      assertEquals(0.0, got.get("max_abs_diff").asDouble());
      assertEquals(sum, got.get("sum").asDouble(), 1e-9);
      assertEquals("score map", got.get("descrip").asText());
    }
  }

  private static boolean hasNibabel() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import nibabel")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(Path image, Path expected) throws Exception {
    Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), image.toString(),
        expected.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the python check did not finish");
    assertEquals(0, p.exitValue(), "check_written_map.py failed: " + out);
    return out;
  }

  @Test
  void aShearedAffineIsKeptExactlyByTheSform() throws IOException {
    Affine sheared = new Affine(new double[] {2, 0.5, 0, -40.5, 0, 2.5, 0.25, 12.25, 0, 0, 3, 7},
        "sform");
    Path path = dir.resolve("sheared.nii");
    float[] v = values(60, 13);
    NiftiWriter.write(path, SHAPE, sheared, v, "sheared");
    NiftiVolume back = readBack(path);
    assertTrue(back.affine().closeTo(sheared, AFFINE_TOLERANCE), back.affine().toString());
    assertValues(v, back.values());
  }

  @Test
  void aStreamIsWrittenWhole() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    float[] v = values(60, 5);
    NiftiWriter.write(out, SHAPE, LEFT, v, "d");
    NiftiVolume back = NiftiReader.readVolume(new ByteArrayInputStream(out.toByteArray()), "m");
    assertValues(v, back.values());
    assertTrue(back.affine().closeTo(LEFT, AFFINE_TOLERANCE));
  }
}
