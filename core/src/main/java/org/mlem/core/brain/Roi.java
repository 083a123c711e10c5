package org.mlem.core.brain;

/**
 * One region of an atlas: its integer label, its name and its voxels.
 *
 * @param label the atlas label (non-zero)
 * @param name the label table's name, else {@code label=<label>}
 * @param voxels flat voxel indices ({@link NiftiVolume#flat}), ascending, at least one
 */
public record Roi(int label, String name, int[] voxels) {
  /** Copies the voxels. */
  public Roi {
    voxels = voxels.clone();
  }

  @Override
  public int[] voxels() {
    return voxels.clone();
  }

  /** Voxels in the region. */
  public int size() {
    return voxels.length;
  }
}
