package org.mlem.core.brain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header that reading the voxels and
 * placing them in space needs. The byte order is the one in which {@code sizeof_hdr} reads 348
 * or 540; the magic must be {@code "n+1"} / {@code "n+2"} (one .nii file: header, extensions,
 * then the data at {@code vox_offset}). Field offsets follow the two specifications (the
 * NIfTI-1 {@code nifti1.h} of the NIfTI Data Format Working Group and its NIfTI-2 revision).
 *
 * @param version 1 or 2
 * @param order the file's byte order
 * @param dims the image dimensions {@code dim[1..dim[0]]}
 * @param datatype the voxel type
 * @param pixdim {@code pixdim[0..7]} ({@code pixdim[0]} is the qform's qfac)
 * @param voxOffset where the data start, in bytes from the file's start
 * @param sclSlope value scaling slope (0 or NaN: no scaling)
 * @param sclInter value scaling intercept
 * @param qformCode the qform's code (0: none)
 * @param sformCode the sform's code (0: none)
 * @param quatern {@code quatern_b, quatern_c, quatern_d}
 * @param qoffset {@code qoffset_x, qoffset_y, qoffset_z}
 * @param srow {@code srow_x, srow_y, srow_z}, row-major 3 x 4
 */
public record NiftiHeader(int version, ByteOrder order, long[] dims, NiftiDatatype datatype,
    double[] pixdim, long voxOffset, double sclSlope, double sclInter, int qformCode,
    int sformCode, double[] quatern, double[] qoffset, double[] srow) {

  /** Bytes of a NIfTI-1 header. */
  public static final int NIFTI1_BYTES = 348;
  /** Bytes of a NIfTI-2 header. */
  public static final int NIFTI2_BYTES = 540;

  /**
   * The header's size from its first four bytes, in either byte order.
   *
   * @throws IllegalArgumentException when they read neither 348 nor 540 (not a NIfTI file)
   */
  static int headerBytes(byte[] first4, String source) {
    int le = ByteBuffer.wrap(first4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int be = ByteBuffer.wrap(first4).order(ByteOrder.BIG_ENDIAN).getInt();
    for (int size : new int[] {le, be}) {
      if (size == NIFTI1_BYTES || size == NIFTI2_BYTES) {
        return size;
      }
    }
    throw new IllegalArgumentException(source + ": not a NIfTI file (sizeof_hdr reads " + le
        + " little-endian, " + be + " big-endian; expected 348 for NIfTI-1 or 540 for NIfTI-2)");
  }

  /**
   * Parses a whole header.
   *
   * @param bytes the first 348 (NIfTI-1) or 540 (NIfTI-2) bytes of the file
   * @param source the file, named in messages
   * @throws IllegalArgumentException on a bad magic, dimension, datatype or offset
   */
  public static NiftiHeader parse(byte[] bytes, String source) {
    int size = headerBytes(Arrays.copyOf(bytes, 4), source);
    ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteOrder order = le.getInt(0) == size ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
    return size == NIFTI1_BYTES ? nifti1(b, source) : nifti2(b, source);
  }

  private static NiftiHeader nifti1(ByteBuffer b, String source) {
    requireMagic(b, 344, "n+1", "ni1", source);
    long[] dim = new long[8];
    for (int i = 0; i < 8; i++) {
      dim[i] = b.getShort(40 + 2 * i);
    }
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      pixdim[i] = b.getFloat(76 + 4 * i);
    }
    double[] srow = new double[12];
    for (int i = 0; i < 12; i++) {
      srow[i] = b.getFloat(280 + 4 * i);
    }
    double vox = b.getFloat(108);
    return checked(1, b.order(), dim, b.getShort(70), b.getShort(72), pixdim, (long) vox,
        b.getFloat(112), b.getFloat(116), b.getShort(252), b.getShort(254),
        new double[] {b.getFloat(256), b.getFloat(260), b.getFloat(264)},
        new double[] {b.getFloat(268), b.getFloat(272), b.getFloat(276)}, srow, source);
  }

  private static NiftiHeader nifti2(ByteBuffer b, String source) {
    requireMagic(b, 4, "n+2", "ni2", source);
    long[] dim = new long[8];
    for (int i = 0; i < 8; i++) {
      dim[i] = b.getLong(16 + 8 * i);
    }
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      pixdim[i] = b.getDouble(104 + 8 * i);
    }
    double[] srow = new double[12];
    for (int i = 0; i < 12; i++) {
      srow[i] = b.getDouble(400 + 8 * i);
    }
    return checked(2, b.order(), dim, b.getShort(12), b.getShort(14), pixdim, b.getLong(168),
        b.getDouble(176), b.getDouble(184), b.getInt(344), b.getInt(348),
        new double[] {b.getDouble(352), b.getDouble(360), b.getDouble(368)},
        new double[] {b.getDouble(376), b.getDouble(384), b.getDouble(392)}, srow, source);
  }

  private static void requireMagic(ByteBuffer b, int at, String single, String pair,
      String source) {
    byte[] magic = new byte[3];
    for (int i = 0; i < 3; i++) {
      magic[i] = b.get(at + i);
    }
    String text = new String(magic, StandardCharsets.ISO_8859_1);
    if (text.equals(single) && b.get(at + 3) == 0) {
      return;
    }
    if (text.equals(pair)) {
      throw new IllegalArgumentException(source + ": a NIfTI header of a .hdr/.img pair (magic '"
          + pair + "'); only single .nii/.nii.gz files are read: convert it, e.g. with"
          + " nibabel.save(nibabel.load(hdr), 'x.nii.gz')");
    }
    throw new IllegalArgumentException(source + ": bad NIfTI magic '" + printable(magic)
        + "' (expected '" + single + "'); the file is not NIfTI or its header is damaged");
  }

  private static String printable(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte c : bytes) {
      s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return s.toString();
  }

  private static NiftiHeader checked(int version, ByteOrder order, long[] dim, int datatypeCode,
      int bitpix, double[] pixdim, long voxOffset, double slope, double inter, int qformCode,
      int sformCode, double[] quatern, double[] qoffset, double[] srow, String source) {
    long ndim = dim[0];
    if (ndim < 1 || ndim > 7) {
      throw new IllegalArgumentException(source + ": NIfTI dim[0] is " + ndim
          + "; expected 1 to 7 dimensions (the header is damaged)");
    }
    long[] dims = Arrays.copyOfRange(dim, 1, 1 + (int) ndim);
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 1) {
        throw new IllegalArgumentException(source + ": NIfTI dim[" + (i + 1) + "] is "
            + dims[i] + "; every dimension must be at least 1 (the header is damaged)");
      }
    }
    NiftiDatatype datatype = NiftiDatatype.of(datatypeCode, source);
    if (bitpix != 8 * datatype.bytes()) {
      throw new IllegalArgumentException(source + ": NIfTI bitpix " + bitpix + " does not match"
          + " datatype " + datatype.name().toLowerCase(java.util.Locale.ROOT) + " ("
          + 8 * datatype.bytes() + " bits); the header is damaged");
    }
    int headerBytes = version == 1 ? NIFTI1_BYTES : NIFTI2_BYTES;
    if (voxOffset < headerBytes) {
      throw new IllegalArgumentException(source + ": NIfTI vox_offset " + voxOffset
          + " lies inside the " + headerBytes + "-byte header; the header is damaged");
    }
    return new NiftiHeader(version, order, dims, datatype, pixdim, voxOffset, slope, inter,
        qformCode, sformCode, quatern, qoffset, srow);
  }

  /** Voxels along i, j, k (1 for a missing dimension). */
  public int[] spatialShape() {
    int[] shape = new int[3];
    for (int d = 0; d < 3; d++) {
      shape[d] = d < dims.length ? Math.toIntExact(dims[d]) : 1;
    }
    return shape;
  }

  /** Voxels of one 3-D volume. */
  public long voxelsPerVolume() {
    int[] s = spatialShape();
    return (long) s[0] * s[1] * s[2];
  }

  /**
   * Volumes in the file: {@code dim[4]}, 1 for a 3-D image. Dimensions 5 to 7 must be 1.
   *
   * @throws IllegalArgumentException for a 5-D or larger image
   */
  public int volumes(String source) {
    for (int d = 4; d < dims.length; d++) {
      if (dims[d] != 1) {
        throw new IllegalArgumentException(source + ": the NIfTI image has " + dims.length
            + " dimensions " + shapeText() + "; expected a 3-D volume or a 4-D series (one"
            + " volume per stimulus)");
      }
    }
    return dims.length >= 4 ? Math.toIntExact(dims[3]) : 1;
  }

  /** Whether the values are scaled: {@code scl_slope} neither 0 nor NaN nor infinite. */
  public boolean scaled() {
    return sclSlope != 0 && Double.isFinite(sclSlope);
  }

  /** The dimensions as text, e.g. "(4, 5, 6, 10)". */
  public String shapeText() {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      s.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return s.append(')').toString();
  }
}
