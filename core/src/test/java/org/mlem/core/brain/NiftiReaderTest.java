package org.mlem.core.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * NIfTI files written by nibabel (core/src/test/python/make_brain_fixtures.py) read to the
 * numbers and affines nibabel reads from them (resources brain/expected.json).
 */
class NiftiReaderTest {
  static final Path DIR = Path.of("src/test/resources/brain");
  /** Affines are stored as float32 (NIfTI-1) or float64; nibabel reports them in float64. */
  private static final double AFFINE_TOLERANCE = 1e-5;
  /** nibabel's get_fdata computes v * slope + inter in float64, as the reader does. */
  private static final double VALUE_TOLERANCE = 1e-9;

  static JsonNode expected() throws IOException {
    return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
  }

  static NiftiReader open(String name) throws IOException {
    return NiftiReader.open(Files.newInputStream(DIR.resolve(name)), name);
  }

  @Test
  void everyFixtureReadsToNibabelsShapeValuesAndAffine() throws IOException {
    JsonNode images = expected().get("images");
    assertEquals(6, images.size());
    for (JsonNode e : images) {
      String name = e.get("file").asText();
      try (NiftiReader r = open(name)) {
        assertEquals(e.get("version").asInt(), r.header().version(), name);
        assertEquals(e.get("datatype").asInt(), r.header().datatype().code(), name);
        JsonNode shape = e.get("shape");
        assertArrayEquals(new int[] {shape.get(0).asInt(), shape.get(1).asInt(),
            shape.get(2).asInt()}, r.shape(), name);
        assertEquals(shape.size() == 4 ? shape.get(3).asInt() : 1, r.volumes(), name);
        JsonNode affine = e.get("affine");
        for (int row = 0; row < 3; row++) {
          for (int col = 0; col < 4; col++) {
            assertEquals(affine.get(row).get(col).asDouble(), r.affine().get(row, col),
                AFFINE_TOLERANCE, name + " affine[" + row + "][" + col + "]");
          }
        }
        List<double[]> volumes = new ArrayList<>();
        for (int t = 0; t < r.volumes(); t++) {
          volumes.add(r.nextVolume());
        }
        for (JsonNode v : e.get("voxels")) {
          int flat = NiftiVolume.flat(r.shape(), v.get("i").asInt(), v.get("j").asInt(),
              v.get("k").asInt());
          assertEquals(v.get("value").asDouble(), volumes.get(v.get("t").asInt())[flat],
              VALUE_TOLERANCE, name + " " + v);
        }
      }
    }
  }

  @Test
  void theInt16SeriesIsScaledByItsSlopeAndIntercept() throws IOException {
    JsonNode e = expected().get("images").get(0);
    try (NiftiReader r = open("series_n1_int16.nii.gz")) {
      assertEquals(e.get("scl_slope").asDouble(), r.header().sclSlope(), 1e-12);
      assertEquals(e.get("scl_inter").asDouble(), r.header().sclInter(), 1e-12);
      assertTrue(r.header().scaled());
      assertEquals("sform", r.affine().method());
    }
  }

  @Test
  void theAffineComesFromTheQformWhenThereIsNoSformAndFromPixdimWithNeither()
      throws IOException {
    try (NiftiReader r = open("series_n1_float32_qform.nii")) {
      assertEquals("qform", r.affine().method());
      assertEquals(-1.0, r.header().pixdim()[0]);
    }
    try (NiftiReader r = open("pixdim_only.nii")) {
      assertEquals("pixdim", r.affine().method());
    }
    try (NiftiReader r = open("volume_n1_float32_be.nii")) {
      assertEquals(java.nio.ByteOrder.BIG_ENDIAN, r.header().order());
    }
  }

  @Test
  void aQuaternionOfIdentityGivesTheVoxelSizesAndOffset() {
    Affine a = Affine.qform(new double[] {0, 0, 0}, new double[] {2, 3, 4}, 1,
        new double[] {5, 6, 7});
    assertArrayEquals(new double[] {2, 0, 0, 5, 0, 3, 0, 6, 0, 0, 4, 7}, a.rows(), 0);
    // 180 degrees about z: b = c = 0, d = 1, a = 0; qfac -1 flips k
    Affine z = Affine.qform(new double[] {0, 0, 1}, new double[] {1, 1, 1}, -1,
        new double[] {0, 0, 0});
    assertArrayEquals(new double[] {-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0}, z.rows(), 0);
  }

  @Test
  void aGzippedAndAPlainCopyReadTheSame() throws IOException {
    byte[] plain;
    try (InputStream in = new GZIPInputStream(
        Files.newInputStream(DIR.resolve("series_n2_int32.nii.gz")))) {
      plain = in.readAllBytes();
    }
    try (NiftiReader gz = open("series_n2_int32.nii.gz");
        NiftiReader raw = NiftiReader.open(new ByteArrayInputStream(plain), "plain")) {
      assertArrayEquals(gz.nextVolume(), raw.nextVolume());
      assertArrayEquals(gz.nextVolume(), raw.nextVolume());
    }
  }

  @Test
  void anUnknownDatatypeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> open("bad_complex64.nii"));
    assertEquals("bad_complex64.nii: NIfTI datatype 32 (complex64) is not supported; expected"
        + " uint8 (2), int16 (4), int32 (8), float32 (16), float64 (64), int8 (256), uint16"
        + " (512) or uint32 (768): convert the image, e.g. with nibabel"
        + " img.set_data_dtype(numpy.float32)", e.getMessage());
  }

  @Test
  void aTruncatedFileNamesTheVolumeItEndsIn() throws IOException {
    byte[] whole = Files.readAllBytes(DIR.resolve("series_n1_float32_qform.nii"));
    // 352 bytes of header and extension flag, then 3 volumes of 60 float32 voxels (240 bytes)
    byte[] cut = java.util.Arrays.copyOf(whole, 352 + 240 + 100);
    try (NiftiReader r = NiftiReader.open(new ByteArrayInputStream(cut), "cut.nii")) {
      r.nextVolume();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::nextVolume);
      assertEquals("cut.nii: the file ends inside volume 1 of 3 (each 60 voxels of 4 bytes from"
          + " vox_offset 352); the file is truncated, copy it again", e.getMessage());
    }
    IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
        () -> NiftiReader.open(new ByteArrayInputStream(java.util.Arrays.copyOf(whole, 200)),
            "short.nii"));
    assertTrue(header.getMessage().startsWith("short.nii: the file ends inside its NIfTI"
        + " header"), header.getMessage());
  }

  @Test
  void notNiftiIsSaidSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NiftiReader.open(new ByteArrayInputStream(new byte[400]), "zeros.nii"));
    assertEquals("zeros.nii: not a NIfTI file (sizeof_hdr reads 0 little-endian, 0 big-endian;"
        + " expected 348 for NIfTI-1 or 540 for NIfTI-2)", e.getMessage());
  }

  @Test
  void readVolumeRefusesASeries() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NiftiReader.readVolume(Files.newInputStream(DIR.resolve("series_n2_int32.nii.gz")),
            "s.nii.gz"));
    assertEquals("s.nii.gz: expected one 3-D volume, found a 4-D series of 2 volumes"
        + " (4, 5, 3, 2)", e.getMessage());
  }
}
