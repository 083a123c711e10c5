package org.mlem.jobs.io;

/**
 * A numeric array read from a NumPy or HDF5 file: its shape (1-D or 2-D) and values in
 * row-major (C) order, as doubles (float32 and int32 values are exact as doubles).
 *
 * @param shape the dimensions, e.g. {rows, columns}
 * @param values the values in row-major order; length = product of the shape
 */
record NumericArray(int[] shape, double[] values) {
  /** Rows of a 2-D array. */
  int rows() {
    return shape[0];
  }

  /** Columns of a 2-D array. */
  int columns() {
    return shape[1];
  }
}
