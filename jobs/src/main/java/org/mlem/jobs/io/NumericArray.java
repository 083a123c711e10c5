package org.mlem.jobs.io;

/**
 * A numeric array read from a NumPy (.npy, .npz), HDF5 or safetensors file: its shape and values
 * in row-major (C) order, as doubles (float32, float16 and int32 values are exact as doubles).
 *
 * @param shape the dimensions, e.g. {rows, columns}
 * @param values the values in row-major order; length = product of the shape
 */
public record NumericArray(int[] shape, double[] values) {
  /** Rows of a 2-D array (the first dimension). */
  public int rows() {
    return shape[0];
  }

  /** Columns of a 2-D array. */
  public int columns() {
    return shape[1];
  }

  /** The shape as text, e.g. "(40, 6, 30)". */
  public String shapeText() {
    return NpyReader.shapeText(shape);
  }

  /**
   * This array as 2-D: rows = the first dimension, columns = the product of the others (row-major,
   * so the values stay in place). A 2-D array is returned as is.
   *
   * @throws InputException for a 1-D array, naming the source
   */
  public NumericArray flattenedToRows(String source) {
    if (shape.length == 2) {
      return this;
    }
    if (shape.length < 2) {
      throw new InputException(source + ": a 1-D array of shape " + shapeText() + " is not a"
          + " representation set; expected stimuli x dimensions (2-D or more)");
    }
    long columns = 1;
    for (int d = 1; d < shape.length; d++) {
      columns *= shape[d];
    }
    return new NumericArray(new int[] {shape[0], Math.toIntExact(columns)}, values);
  }
}
