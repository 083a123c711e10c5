package org.mlem.jobs.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One block of the partitioned placement: rows {@code [firstRow, firstRow + rows)} of the n x D
 * float32 representation matrix, row-major, with the matrix's row numbering (the feature
 * table's order). Block b of block size S holds rows {@code [b * S, min(n, (b + 1) * S))}.
 * Lives in a cached RDD on the executors; never collected to the driver.
 */
public final class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final int firstRow;
  private final int dims;
  private final float[] data;

  /**
   * Wraps a block's values (not copied: the caller hands the array over).
   *
   * @param index the block number b, >= 0
   * @param firstRow the matrix row of the block's first row, {@code b * S}
   * @param dims D, >= 1
   * @param data rows x D values, row-major, at least one row
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public RowBlock(int index, int firstRow, int dims, float[] data) {
    Objects.requireNonNull(data, "data");
    if (index < 0 || firstRow < 0 || dims < 1 || data.length == 0 || data.length % dims != 0) {
      throw new IllegalArgumentException("row block " + index + ": expected index >= 0, first "
          + "row >= 0, dims >= 1 and a non-empty multiple of dims values, found first row "
          + firstRow + ", dims " + dims + ", " + data.length + " values");
    }
    this.index = index;
    this.firstRow = firstRow;
    this.dims = dims;
    this.data = data;
  }

  /** The block number b. */
  public int index() {
    return index;
  }

  /** The matrix row of the block's first row. */
  public int firstRow() {
    return firstRow;
  }

  /** The number of rows the block holds. */
  public int rows() {
    return data.length / dims;
  }

  /** D. */
  public int dims() {
    return dims;
  }

  /** The backing row-major values (not copied; must not be modified). */
  public float[] data() {
    return data;
  }

  /** Copies matrix row {@code row} (which this block holds) into {@code out} at {@code offset}. */
  void copyRow(int row, float[] out, int offset) {
    int local = row - firstRow;
    if (local < 0 || local >= rows()) {
      throw new IllegalArgumentException("row block " + index + " holds rows " + firstRow + "-"
          + (firstRow + rows() - 1) + ", not row " + row);
    }
    System.arraycopy(data, local * dims, out, offset, dims);
  }
}
