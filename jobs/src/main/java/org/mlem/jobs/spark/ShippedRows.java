package org.mlem.jobs.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * The rows one block ships to one home block for a call ({@link HomeRouting}): one row per
 * cross-block position of that home whose other row lies in block {@code block}, in the home's
 * position order, row-major. Rows are not deduplicated: at scale a row is rarely drawn twice in a
 * call, and the order alone tells the home task which row is which.
 */
final class ShippedRows implements Serializable {
  private static final long serialVersionUID = 1L;

  int block;
  transient float[] data;

  ShippedRows(int block, float[] data) {
    this.block = block;
    this.data = data;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    PackedArrays.writeFloats(out, data);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    data = PackedArrays.readFloats(in);
  }
}
