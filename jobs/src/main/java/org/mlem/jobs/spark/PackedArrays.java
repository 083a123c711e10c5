package org.mlem.jobs.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes and reads int and float arrays as one block of bytes (bulk copies), for the custom
 * serialization of the partitioned placement's per-call data: Java serialization writes primitive
 * arrays element by element, which dominated shipping rows and routings.
 */
final class PackedArrays {
  private PackedArrays() {}

  static void writeInts(ObjectOutputStream out, int[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asIntBuffer().put(values);
    out.writeInt(values.length);
    out.write(bytes.array());
  }

  static int[] readInts(ObjectInputStream in) throws IOException {
    int length = in.readInt();
    byte[] bytes = new byte[length * Integer.BYTES];
    in.readFully(bytes);
    int[] values = new int[length];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
    return values;
  }

  static void writeFloats(ObjectOutputStream out, float[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    out.writeInt(values.length);
    out.write(bytes.array());
  }

  static float[] readFloats(ObjectInputStream in) throws IOException {
    int length = in.readInt();
    byte[] bytes = new byte[length * Float.BYTES];
    in.readFully(bytes);
    float[] values = new float[length];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }
}
