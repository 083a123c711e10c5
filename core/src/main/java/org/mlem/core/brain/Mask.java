package org.mlem.core.brain;

import java.util.Arrays;

/**
 * The voxels of a brain mask: every voxel whose value is non-zero is in. A NaN value is refused
 * (neither in nor out).
 *
 * @param source the mask's file, or a description when it is not from a file
 * @param shape voxels along i, j, k
 * @param voxels the flat indices ({@link NiftiVolume#flat}) of the voxels in, ascending
 */
public record Mask(String source, int[] shape, int[] voxels) {
  /** Copies the arrays. */
  public Mask {
    shape = shape.clone();
    voxels = voxels.clone();
  }

  /**
   * The mask of a volume.
   *
   * @throws IllegalArgumentException when it has NaN voxels or no voxel in
   */
  public static Mask of(NiftiVolume volume) {
    double[] v = volume.values();
    int in = 0;
    for (int k = 0; k < v.length; k++) {
      if (Double.isNaN(v[k])) {
        throw new IllegalArgumentException(volume.source() + ": the mask has NaN at voxel "
            + NiftiVolume.ijkText(volume.shape(), k) + "; a mask holds 0 (out) and non-zero"
            + " (in) values only");
      }
      if (v[k] != 0) {
        in++;
      }
    }
    if (in == 0) {
      throw new IllegalArgumentException(volume.source() + ": the mask has no non-zero voxel;"
          + " nothing is inside it");
    }
    int[] voxels = new int[in];
    int n = 0;
    for (int k = 0; k < v.length; k++) {
      if (v[k] != 0) {
        voxels[n++] = k;
      }
    }
    return new Mask(volume.source(), volume.shape(), voxels);
  }

  /** Whether a flat voxel index is in. */
  public boolean contains(int flat) {
    return Arrays.binarySearch(voxels, flat) >= 0;
  }

  /** Voxels in. */
  public int size() {
    return voxels.length;
  }

  @Override
  public int[] voxels() {
    return voxels.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }
}
