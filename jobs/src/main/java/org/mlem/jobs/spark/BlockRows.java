package org.mlem.jobs.spark;

import java.io.Serializable;

/**
 * The rows one block contributes to one block pair of a batch: matrix rows {@code rows}
 * (ascending, distinct, all in block {@code block}) and their values, row-major. Shipped from
 * the task holding the block to the task computing the block pair's distances.
 */
final class BlockRows implements Serializable {
  private static final long serialVersionUID = 1L;

  final int block;
  final int[] rows;
  final float[] data;

  BlockRows(int block, int[] rows, float[] data) {
    this.block = block;
    this.rows = rows;
    this.data = data;
  }
}
