package org.mlem.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a float32 matrix as a NumPy {@code .npy} file (format version 1.0, C order,
 * little-endian {@code <f4}), byte for byte what {@code numpy.save} writes for such an array, so
 * that generated benchmark inputs are read exactly as a user's LLM layer saved from Python. The
 * file appears whole or not at all (written beside it, then moved).
 */
public final class NpyWriter {
  private static final int ALIGN = 64;

  private NpyWriter() {}

  /**
   * Writes {@code rows x columns} values.
   *
   * @param file the .npy file (replaced if it exists)
   * @param values row-major, {@code rows * columns} of them
   * @throws IllegalArgumentException if the shape does not match the values
   * @throws IOException naming the file if it cannot be written
   */
  public static void writeFloat32(Path file, float[] values, int rows, int columns)
      throws IOException {
    if (rows < 0 || columns < 0 || (long) rows * columns != values.length) {
      throw new IllegalArgumentException("shape " + rows + " x " + columns + " does not match "
          + values.length + " values");
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns
        + "), }";
    int prefix = 10; // magic (6), version (2), header length (2)
    int padded = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
    String header = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
    Path parent = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        ByteBuffer start = ByteBuffer.allocate(prefix).order(ByteOrder.LITTLE_ENDIAN);
        start.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        start.putShort((short) header.length());
        out.write(start.array());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer block = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
          if (!block.hasRemaining()) {
            out.write(block.array(), 0, block.position());
            block.clear();
          }
          block.putFloat(v);
        }
        out.write(block.array(), 0, block.position());
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw new IOException(file + ": cannot write the .npy file (" + e.getMessage() + ")", e);
    }
  }
}
