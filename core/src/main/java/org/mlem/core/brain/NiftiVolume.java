package org.mlem.core.brain;

import java.util.Locale;

/**
 * One 3-D NIfTI volume in memory: its shape, affine and scaled voxel values (i fastest, as
 * {@link NiftiReader} reads them).
 *
 * @param source the file it was read from, named in messages
 * @param shape voxels along i, j, k
 * @param affine the voxel-to-world affine
 * @param values the voxel values, flat index {@code i + ni * (j + nj * k)}
 */
public record NiftiVolume(String source, int[] shape, Affine affine, double[] values) {
  /** Affines closer than this (mm) describe the same grid. */
  public static final double AFFINE_TOLERANCE = 1e-3;

  /** Checks that the values fill the shape. */
  public NiftiVolume {
    if ((long) shape[0] * shape[1] * shape[2] != values.length) {
      throw new IllegalArgumentException(source + ": " + values.length + " values do not fill"
          + " a volume of " + shapeText(shape));
    }
  }

  /** The value of voxel (i, j, k). */
  public double value(int i, int j, int k) {
    return values[flat(shape, i, j, k)];
  }

  /** The flat index of (i, j, k) in a volume of this shape. */
  public static int flat(int[] shape, int i, int j, int k) {
    return i + shape[0] * (j + shape[1] * k);
  }

  /** The (i, j, k) of a flat index. */
  public static int[] ijk(int[] shape, int flat) {
    return new int[] {flat % shape[0], (flat / shape[0]) % shape[1], flat / (shape[0] * shape[1])};
  }

  /** "(i, j, k)" of a flat index. */
  public static String ijkText(int[] shape, int flat) {
    int[] v = ijk(shape, flat);
    return "(" + v[0] + ", " + v[1] + ", " + v[2] + ")";
  }

  /** "(ni, nj, nk)". */
  public static String shapeText(int[] shape) {
    return String.format(Locale.ROOT, "(%d, %d, %d)", shape[0], shape[1], shape[2]);
  }

  /**
   * Requires this volume to lie on the same voxel grid as another image (same shape, same
   * affine within {@link #AFFINE_TOLERANCE}).
   *
   * @param role what this volume is, e.g. "mask"
   * @param otherShape the other image's shape
   * @param otherAffine the other image's affine
   * @param otherSource the other image, named in the message
   * @throws IllegalArgumentException naming both files and what differs
   */
  public void requireGrid(String role, int[] otherShape, Affine otherAffine, String otherSource) {
    if (shape[0] != otherShape[0] || shape[1] != otherShape[1] || shape[2] != otherShape[2]) {
      throw new IllegalArgumentException(source + ": the " + role + " has shape "
          + shapeText(shape) + " but the volumes (" + otherSource + ") have "
          + shapeText(otherShape) + "; resample the " + role + " to the volumes' grid");
    }
    if (!affine.closeTo(otherAffine, AFFINE_TOLERANCE)) {
      throw new IllegalArgumentException(source + ": the " + role + "'s affine " + affine
          + " differs from the volumes' (" + otherSource + ") " + otherAffine + "; they are not"
          + " on the same grid: resample the " + role + " to the volumes");
    }
  }
}
