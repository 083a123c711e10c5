package org.mlem.core.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Selected voxels of a series, by hand; NaN voxels listed with their count. */
class VoxelMatrixTest {
  @Test
  void columnsAreTheSelectedVoxelsOfEachVolume() {
    int[] shape = {2, 2, 1};
    VoxelMatrix m = new VoxelMatrix.Builder(2, shape, new int[] {1, 3}, "s")
        .add(0, new double[] {10, 11, 12, 13}, "s").add(1, new double[] {20, 21, 22, 23}, "s")
        .build();
    assertArrayEquals(new float[] {11, 13, 21, 23}, m.values());
    assertArrayEquals(new float[] {13, 23}, m.columns(new int[] {3}));
  }

  @Test
  void nanVoxelsAreListedWithTheirCount() throws IOException {
    String name = "bad_nan_series.nii.gz";
    try (NiftiReader r = NiftiReader.open(
        Files.newInputStream(NiftiReaderTest.DIR.resolve(name)), name)) {
      int[] all = new int[60];
      for (int v = 0; v < 60; v++) {
        all[v] = v;
      }
      VoxelMatrix.Builder b = new VoxelMatrix.Builder(r.volumes(), r.shape(), all, name);
      for (int t = 0; t < r.volumes(); t++) {
        b.add(t, r.nextVolume(), name);
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
      // make_brain_fixtures.py: NaN at (1, 1, 0) volume 2, NaN and inf at (2, 3, 1) volumes 0, 3
      assertEquals(name + ": 2 selected voxels have NaN or infinite values (in 3 of 4 volumes):"
          + " (1, 1, 0), (2, 3, 1); exclude them with the mask or clean the volumes",
          e.getMessage());
    }
  }
}
