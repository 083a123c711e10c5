package org.mlem.jobs.searchlight;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.mlem.core.brain.Affine;
import org.mlem.core.brain.NiftiVolume;
import org.mlem.core.brain.NiftiWriter;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.sweep.SweepFixtures;

/**
 * Small searchlight inputs: the sweep fixtures' 40 stimuli and features, and a 4-D float32
 * series on a grid of 2 mm voxels where every voxel is a random mix (fixed by position) of the
 * simulated representation plus noise; a mask of every voxel but (0, 0, 0).
 */
public final class SearchlightFixtures {
  /** The stimuli. */
  public static final int STIMULI = 40;
  /** The voxel-to-world affine: 2 mm isotropic with an offset. */
  public static final Affine AFFINE = new Affine(new double[] {2, 0, 0, -4, 0, 2, 0, -4, 0, 0,
      2, -2}, "sform");

  private SearchlightFixtures() {}

  /** Writes DIR/features.csv, DIR/betas.nii.gz and DIR/mask.nii.gz on a grid of {@code shape}. */
  public static void write(Path dir, int[] shape) throws IOException {
    SweepFixtures.writeFeatures(dir.resolve("features.csv"));
    SyntheticDataset layer = SweepFixtures.layer(1);
    int voxels = shape[0] * shape[1] * shape[2];
    float[] series = new float[STIMULI * voxels];
    for (int v = 0; v < voxels; v++) {
      for (int s = 0; s < STIMULI; s++) {
        double x = 0;
        for (int d = 0; d < layer.dims(); d++) {
          x += gaussian(1, v * 64L + d) * layer.representations()[s * layer.dims() + d];
        }
        series[s * voxels + v] = (float) (x + 0.3 * gaussian(2, (long) v * STIMULI + s));
      }
    }
    NiftiWriter.writeSeries(dir.resolve("betas.nii.gz"), shape, STIMULI, AFFINE, series, "test");
    float[] mask = new float[voxels];
    Arrays.fill(mask, 1f);
    mask[NiftiVolume.flat(shape, 0, 0, 0)] = 0f;
    NiftiWriter.write(dir.resolve("mask.nii.gz"), shape, AFFINE, mask, "mask");
  }

  /** A standard normal value fixed by (stream, position) (Box-Muller). */
  static double gaussian(long stream, long position) {
    return PositionalRandom.gaussian(PositionalRandom.mix(stream, position));
  }
}
