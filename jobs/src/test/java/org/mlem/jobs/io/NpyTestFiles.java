package org.mlem.jobs.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes .npy files byte by byte (as numpy.save does), so the reader is tested without numpy. */
public final class NpyTestFiles {
  private NpyTestFiles() {}

  /**
   * @param values row-major values
   * @param descr e.g. "&lt;f4", "&lt;f8", "&lt;i4", "&gt;f8"
   * @param fortran write column-major data and declare fortran_order True
   * @param version 1, 2 or 3
   */
  public static void write(Path file, double[] values, int[] shape, String descr, boolean fortran,
      int version) throws IOException {
    StringBuilder shapeText = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      shapeText.append(i > 0 ? ", " : "").append(shape[i]);
    }
    shapeText.append(shape.length == 1 ? ",)" : ")");
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': " + shapeText + ", }";
    int prefix = 6 + 2 + (version == 1 ? 2 : 4);
    int total = prefix + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
    ByteBuffer length = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (version == 1) {
      length.putShort((short) header.length());
    } else {
      length.putInt(header.length());
    }
    out.write(length.array());
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    int size = descr.charAt(2) - '0';
    ByteBuffer data = ByteBuffer.allocate(values.length * size)
        .order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int rows = shape[0];
    int columns = shape.length == 2 ? shape[1] : 1;
    for (int k = 0; k < values.length; k++) {
      double v = fortran ? values[(k % rows) * columns + k / rows] : values[k];
      switch (descr.substring(1)) {
        case "f4" -> data.putFloat((float) v);
        case "f8" -> data.putDouble(v);
        case "i4" -> data.putInt((int) v);
        case "i8" -> data.putLong((long) v);
        default -> throw new IllegalArgumentException(descr);
      }
    }
    out.write(data.array());
    Files.write(file, out.toByteArray());
  }
}
