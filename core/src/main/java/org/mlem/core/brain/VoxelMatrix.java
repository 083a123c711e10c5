package org.mlem.core.brain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A stimuli x voxels float32 matrix: row s holds the selected voxels of stimulus s's volume
 * (one volume of a 4-D series, or one 3-D file), columns in ascending flat voxel index. Only the
 * selected voxels (the mask's, or the union of the atlas regions') are kept while the volumes
 * are read, so a whole-brain series never sits in memory. Built with {@link Builder}, which
 * refuses voxels with NaN or infinite values (listing them with their count) and values beyond
 * the float32 range.
 */
public final class VoxelMatrix {
  /** Voxels listed by name in a NaN message; the rest are counted. */
  static final int LISTED = 5;

  private final int[] voxels;
  private final int rows;
  private final float[] values;

  private VoxelMatrix(int[] voxels, int rows, float[] values) {
    this.voxels = voxels;
    this.rows = rows;
    this.values = values;
  }

  /** Stimuli (rows). */
  public int rows() {
    return rows;
  }

  /** Voxels (columns). */
  public int columns() {
    return voxels.length;
  }

  /** The flat index of each column's voxel, ascending. */
  public int[] voxels() {
    return voxels.clone();
  }

  /**
   * The rows x {@code subset.length} matrix of some voxels, row-major.
   *
   * @param subset flat voxel indices, each one of this matrix's
   * @throws IllegalArgumentException for a voxel not in the matrix
   */
  public float[] columns(int[] subset) {
    int[] at = new int[subset.length];
    for (int c = 0; c < subset.length; c++) {
      at[c] = Arrays.binarySearch(voxels, subset[c]);
      if (at[c] < 0) {
        throw new IllegalArgumentException("voxel " + subset[c] + " was not selected");
      }
    }
    float[] out = new float[rows * subset.length];
    for (int r = 0; r < rows; r++) {
      int base = r * voxels.length;
      for (int c = 0; c < at.length; c++) {
        out[r * at.length + c] = values[base + at[c]];
      }
    }
    return out;
  }

  /** The whole matrix, row-major. */
  public float[] values() {
    return values.clone();
  }

  /** The sorted union of the regions' voxels. */
  public static int[] union(List<Roi> regions) {
    TreeSet<Integer> all = new TreeSet<>();
    for (Roi r : regions) {
      for (int v : r.voxels()) {
        all.add(v);
      }
    }
    return all.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Fills a matrix volume by volume. */
  public static final class Builder {
    private final int[] voxels;
    private final int[] shape;
    private final int rows;
    private final String source;
    private final float[] values;
    private final boolean[] bad;
    private int badCount;
    private int badVolumes;
    private int filled;

    /**
     * @param rows stimuli
     * @param shape the volumes' shape (i, j, k), for messages
     * @param voxels the selected flat voxel indices, ascending
     * @param source the volumes' file(s), named in messages
     */
    public Builder(int rows, int[] shape, int[] voxels, String source) {
      if ((long) rows * voxels.length > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(source + ": " + rows + " stimuli x " + voxels.length
            + " voxels is too large for one matrix; use a smaller mask");
      }
      this.rows = rows;
      this.shape = shape.clone();
      this.voxels = voxels.clone();
      this.source = source;
      this.values = new float[rows * voxels.length];
      this.bad = new boolean[voxels.length];
    }

    /**
     * Stores row {@code row} from a volume's voxels.
     *
     * @param volume flat voxel values of one volume (at least as many as the shape holds)
     * @param volumeSource the volume's file, for a value beyond float32
     */
    public Builder add(int row, double[] volume, String volumeSource) {
      int base = row * voxels.length;
      boolean any = false;
      for (int c = 0; c < voxels.length; c++) {
        double x = volume[voxels[c]];
        if (!Double.isFinite(x)) {
          if (!bad[c]) {
            bad[c] = true;
            badCount++;
          }
          any = true;
          continue;
        }
        float f = (float) x;
        if (Float.isInfinite(f)) {
          throw new IllegalArgumentException(volumeSource + ": voxel "
              + NiftiVolume.ijkText(shape, voxels[c]) + " of volume " + row + " is " + x
              + ", beyond the float32 range; rescale the volumes");
        }
        values[base + c] = f;
      }
      if (any) {
        badVolumes++;
      }
      filled++;
      return this;
    }

    /**
     * The matrix.
     *
     * @throws IllegalArgumentException when some selected voxels hold NaN or infinite values
     *     (the first few listed by (i, j, k), all counted), or rows are missing
     */
    public VoxelMatrix build() {
      if (filled != rows) {
        throw new IllegalStateException(source + ": " + filled + " of " + rows + " rows filled");
      }
      if (badCount > 0) {
        List<String> listed = new ArrayList<>();
        for (int c = 0; c < voxels.length && listed.size() < LISTED; c++) {
          if (bad[c]) {
            listed.add(NiftiVolume.ijkText(shape, voxels[c]));
          }
        }
        throw new IllegalArgumentException(source + ": " + badCount + " selected voxel"
            + (badCount == 1 ? " has" : "s have") + " NaN or infinite values (in " + badVolumes
            + " of " + rows + " volumes): " + String.join(", ", listed)
            + (badCount > listed.size() ? " and " + (badCount - listed.size()) + " more" : "")
            + "; exclude them with the mask or clean the volumes");
      }
      return new VoxelMatrix(voxels, rows, values);
    }
  }
}
