package org.mlem.core.brain;

import java.nio.ByteBuffer;

/**
 * The NIfTI voxel data types read here, by their header code ({@code datatype}) and size
 * ({@code bitpix / 8}). Complex, RGB and 64-bit integer types are refused.
 */
public enum NiftiDatatype {
  /** unsigned char, code 2. */
  UINT8(2, 1),
  /** signed short, code 4. */
  INT16(4, 2),
  /** signed int, code 8. */
  INT32(8, 4),
  /** float, code 16. */
  FLOAT32(16, 4),
  /** double, code 64. */
  FLOAT64(64, 8),
  /** signed char, code 256. */
  INT8(256, 1),
  /** unsigned short, code 512. */
  UINT16(512, 2),
  /** unsigned int, code 768. */
  UINT32(768, 4);

  private final int code;
  private final int bytes;

  NiftiDatatype(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** The header's {@code datatype} code. */
  public int code() {
    return code;
  }

  /** Bytes per voxel value. */
  public int bytes() {
    return bytes;
  }

  /** Reads one value at the buffer's position (its byte order set), as a double (exact). */
  double read(ByteBuffer buffer) {
    return switch (this) {
      case UINT8 -> buffer.get() & 0xFF;
      case INT8 -> buffer.get();
      case INT16 -> buffer.getShort();
      case UINT16 -> buffer.getShort() & 0xFFFF;
      case INT32 -> buffer.getInt();
      case UINT32 -> buffer.getInt() & 0xFFFFFFFFL;
      case FLOAT32 -> buffer.getFloat();
      case FLOAT64 -> buffer.getDouble();
    };
  }

  /**
   * The type of a header code.
   *
   * @throws IllegalArgumentException naming the source and the code when it is not supported
   */
  public static NiftiDatatype of(int code, String source) {
    for (NiftiDatatype t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException(source + ": NIfTI datatype " + code + " ("
        + knownName(code) + ") is not supported; expected uint8 (2), int16 (4), int32 (8),"
        + " float32 (16), float64 (64), int8 (256), uint16 (512) or uint32 (768): convert the"
        + " image, e.g. with nibabel img.set_data_dtype(numpy.float32)");
  }

  private static String knownName(int code) {
    return switch (code) {
      case 0 -> "unknown";
      case 1 -> "binary";
      case 32 -> "complex64";
      case 128 -> "rgb24";
      case 1024 -> "int64";
      case 1280 -> "uint64";
      case 1536 -> "float128";
      case 1792 -> "complex128";
      case 2048 -> "complex256";
      case 2304 -> "rgba32";
      default -> "not a NIfTI datatype";
    };
  }
}
