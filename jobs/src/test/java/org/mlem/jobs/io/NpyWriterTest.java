package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NpyWriter against numpy.save: the same bytes as the files numpy wrote
 * ({@code src/test/python/make_npy_writer_fixtures.py}, committed), and read back by
 * {@link NpyReader} to the same float bits.
 */
class NpyWriterTest {
  private static Path fixture(String name) {
    return Path.of("src", "test", "resources", "arrays", name);
  }

  @Test
  void aSmallMatrixIsByteForByteWhatNumpySaves(@TempDir Path dir) throws IOException {
    float[] values = {1.5f, -2.25f, 3f, 0.1f, Float.MIN_VALUE, -0.0f};
    Path file = dir.resolve("small.npy");
    NpyWriter.writeFloat32(file, values, 2, 3);
    assertArrayEquals(Files.readAllBytes(fixture("npy_writer_small.npy")),
        Files.readAllBytes(file));
    NumericArray read = NpyReader.read(new Configuration(), file.toUri().toString());
    assertArrayEquals(new int[] {2, 3}, read.shape());
    for (int k = 0; k < values.length; k++) {
      assertEquals(Float.floatToRawIntBits(values[k]),
          Float.floatToRawIntBits((float) read.values()[k]), "value " + k);
    }
  }

  @Test
  void moreThanOneBlockIsByteForByteWhatNumpySaves(@TempDir Path dir) throws IOException {
    float[] values = new float[129 * 128];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (i * 0.25 - 1000.0);
    }
    Path file = dir.resolve("blocks.npy");
    NpyWriter.writeFloat32(file, values, 129, 128);
    assertArrayEquals(Files.readAllBytes(fixture("npy_writer_blocks.npy")),
        Files.readAllBytes(file));
  }

  @Test
  void aShapeThatDoesNotMatchIsRefusedAndNothingIsLeft(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.npy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NpyWriter.writeFloat32(file, new float[5], 2, 3));
    assertTrue(e.getMessage().contains("2 x 3") && e.getMessage().contains("5 values"),
        e.getMessage());
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count());
    }
  }
}
