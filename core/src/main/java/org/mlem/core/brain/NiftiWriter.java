package org.mlem.core.brain;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes float32 NIfTI-1 single-file images: the maps of a searchlight (one value per voxel,
 * NaN where no sphere was fitted) and, for tests and simulations, 4-D series of volumes.
 *
 * <p>The file is a 348-byte little-endian NIfTI-1 header, the 4-byte extension flag (zero: no
 * extension), then the voxels from {@code vox_offset} 352 as float32, i fastest
 * ({@link NiftiVolume#flat}), volume after volume. The header holds: {@code dim = [3, nx, ny,
 * nz, 1, 1, 1, 1]} ({@code dim[0] = 4} and {@code dim[4]} = volumes for a series), datatype 16
 * (FLOAT32), bitpix 32, {@code pixdim[1..3]} the lengths of the affine's first three columns
 * (the voxel sizes), {@code pixdim[0]} the qform's qfac, {@code scl_slope 1} and
 * {@code scl_inter 0} (the values are stored unscaled), {@code xyzt_units} 2 (millimetres),
 * both {@code sform_code} and {@code qform_code} 2 (aligned anatomical), the sform
 * ({@code srow_x/y/z}) the affine itself and the qform its rotation as a quaternion computed the
 * way nibabel's {@code set_qform} does: the columns divided by the voxel sizes, the third negated
 * with qfac -1 when the affine is left-handed (negative determinant), made orthonormal (the
 * nearest rotation, by polar decomposition) and turned into a unit quaternion with a >= 0; the
 * offsets are the affine's last column. A sheared affine is kept exactly by the sform only (the
 * qform cannot hold a shear), which readers prefer. {@code descrip} holds the description's
 * first 79 characters, non-ASCII ones as '?'. The magic is {@code "n+1\0"}.
 */
public final class NiftiWriter {
  /** Where the voxels start: the header and the 4-byte extension flag. */
  public static final int VOX_OFFSET = 352;
  /** NIfTI-1's largest dimension (a signed 16-bit field). */
  private static final int MAX_DIM = Short.MAX_VALUE;
  private static final int DESCRIP_BYTES = 79;
  private static final int CHUNK_VALUES = 1 << 14;

  private NiftiWriter() {}

  /**
   * Writes a 3-D image to a stream (not closed).
   *
   * @param out the stream
   * @param shape voxels along i, j, k, each 1 to 32767
   * @param affine the voxel-to-world affine; its 3 x 3 part must be invertible
   * @param values one value per voxel, flat with i fastest; NaN means no value
   * @param description stored in {@code descrip} (truncated to 79 ASCII characters), may be null
   * @throws IllegalArgumentException for a bad shape, a values length other than the shape's
   *     product, or a singular or non-finite affine (before anything is written)
   * @throws IOException when the stream fails
   */
  public static void write(OutputStream out, int[] shape, Affine affine, float[] values,
      String description) throws IOException {
    writeSeries(out, shape, 1, affine, values, description, 3);
  }

  /**
   * Writes a 4-D series of {@code volumes} volumes to a stream (not closed): the values of
   * volume t occupy {@code [t * nvox, (t + 1) * nvox)}, nvox the shape's product.
   *
   * @param volumes volumes, 1 to 32767 ({@code dim[4]}; the header says 4-D even for one)
   * @throws IllegalArgumentException as {@link #write(OutputStream, int[], Affine, float[],
   *     String)}, or for a bad count of volumes
   * @throws IOException when the stream fails
   */
  public static void writeSeries(OutputStream out, int[] shape, int volumes, Affine affine,
      float[] values, String description) throws IOException {
    writeSeries(out, shape, volumes, affine, values, description, 4);
  }

  /**
   * Writes a 3-D image to a file, gzip-compressed when the name ends in {@code .nii.gz}. The
   * bytes go to a temporary file beside it, moved over the target (replacing it) only once
   * complete, so a failure leaves nothing partial.
   *
   * @throws IllegalArgumentException as {@link #write(OutputStream, int[], Affine, float[],
   *     String)}
   * @throws IOException when the file cannot be written
   */
  public static void write(Path path, int[] shape, Affine affine, float[] values,
      String description) throws IOException {
    writeFile(path, shape, 1, affine, values, description, 3);
  }

  /**
   * Writes a 4-D series to a file as {@link #write(Path, int[], Affine, float[], String)} does.
   *
   * @see #writeSeries(OutputStream, int[], int, Affine, float[], String)
   */
  public static void writeSeries(Path path, int[] shape, int volumes, Affine affine,
      float[] values, String description) throws IOException {
    writeFile(path, shape, volumes, affine, values, description, 4);
  }

  private static void writeFile(Path path, int[] shape, int volumes, Affine affine,
      float[] values, String description, int ndim) throws IOException {
    byte[] header = header(shape, volumes, affine, values, description, ndim);
    Path target = path.toAbsolutePath();
    String name = target.getFileName().toString();
    Path temp = Files.createTempFile(target.getParent(), "." + name + ".", ".part");
    try {
      try (OutputStream file = Files.newOutputStream(temp);
          OutputStream buffered = new BufferedOutputStream(file, 1 << 16)) {
        if (name.endsWith(".nii.gz")) {
          try (GZIPOutputStream gz = new GZIPOutputStream(buffered, 1 << 16)) {
            body(gz, header, values);
          }
        } else {
          body(buffered, header, values);
        }
      }
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeSeries(OutputStream out, int[] shape, int volumes, Affine affine,
      float[] values, String description, int ndim) throws IOException {
    body(out, header(shape, volumes, affine, values, description, ndim), values);
  }

  private static void body(OutputStream out, byte[] header, float[] values) throws IOException {
    out.write(header);
    ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_VALUES).order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < values.length; start += CHUNK_VALUES) {
      int end = Math.min(values.length, start + CHUNK_VALUES);
      chunk.clear();
      for (int v = start; v < end; v++) {
        chunk.putFloat(values[v]);
      }
      out.write(chunk.array(), 0, chunk.position());
    }
    out.flush();
  }

  /** The 352 bytes before the voxels; validates every argument first. */
  static byte[] header(int[] shape, int volumes, Affine affine, float[] values,
      String description, int ndim) {
    if (shape == null || shape.length != 3) {
      throw new IllegalArgumentException("a NIfTI volume's shape has 3 dimensions (i, j, k),"
          + " found " + (shape == null ? "null" : shape.length));
    }
    for (int d = 0; d < 3; d++) {
      if (shape[d] < 1 || shape[d] > MAX_DIM) {
        throw new IllegalArgumentException("a NIfTI-1 dimension must be 1 to " + MAX_DIM
            + ", found " + NiftiVolume.shapeText(shape));
      }
    }
    if (volumes < 1 || volumes > MAX_DIM) {
      throw new IllegalArgumentException("a NIfTI-1 series holds 1 to " + MAX_DIM
          + " volumes, found " + volumes);
    }
    long expected = (long) shape[0] * shape[1] * shape[2] * volumes;
    if (values.length != expected) {
      throw new IllegalArgumentException(values.length + " values do not fill "
          + (volumes == 1 && ndim == 3 ? "a volume of " + NiftiVolume.shapeText(shape)
              : volumes + " volumes of " + NiftiVolume.shapeText(shape))
          + " (" + expected + " values)");
    }
    Qform q = qform(affine);
    ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, NiftiHeader.NIFTI1_BYTES);
    b.put(38, (byte) 'r');
    b.putShort(40, (short) ndim);
    for (int d = 0; d < 3; d++) {
      b.putShort(42 + 2 * d, (short) shape[d]);
    }
    b.putShort(48, (short) (ndim == 4 ? volumes : 1));
    for (int d = 4; d < 7; d++) {
      b.putShort(42 + 2 * d, (short) 1);
    }
    b.putShort(70, (short) NiftiDatatype.FLOAT32.code());
    b.putShort(72, (short) 32);
    b.putFloat(76, (float) q.qfac);
    for (int d = 0; d < 3; d++) {
      b.putFloat(80 + 4 * d, (float) q.zooms[d]);
    }
    for (int d = 4; d < 8; d++) {
      b.putFloat(76 + 4 * d, 1f);
    }
    b.putFloat(108, VOX_OFFSET);
    b.putFloat(112, 1f);
    b.putFloat(116, 0f);
    b.put(123, (byte) 2);
    byte[] text = descrip(description);
    for (int c = 0; c < text.length; c++) {
      b.put(148 + c, text[c]);
    }
    b.putShort(252, (short) 2);
    b.putShort(254, (short) 2);
    for (int d = 0; d < 3; d++) {
      b.putFloat(256 + 4 * d, (float) q.bcd[d]);
      b.putFloat(268 + 4 * d, (float) affine.get(d, 3));
    }
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        b.putFloat(280 + 16 * r + 4 * c, (float) affine.get(r, c));
      }
    }
    byte[] magic = "n+1".getBytes(StandardCharsets.US_ASCII);
    for (int c = 0; c < 3; c++) {
      b.put(344 + c, magic[c]);
    }
    return b.array();
  }

  private static byte[] descrip(String description) {
    if (description == null) {
      return new byte[0];
    }
    int n = Math.min(DESCRIP_BYTES, description.length());
    byte[] out = new byte[n];
    for (int c = 0; c < n; c++) {
      char ch = description.charAt(c);
      out[c] = (byte) (ch >= 32 && ch < 127 ? ch : '?');
    }
    return out;
  }

  /** The qform of an affine: voxel sizes, qfac and quaternion (b, c, d). */
  record Qform(double[] zooms, double qfac, double[] bcd) {}

  /**
   * The qform parameters of an affine (see the class comment).
   *
   * @throws IllegalArgumentException for a non-finite affine or a singular 3 x 3 part
   */
  static Qform qform(Affine affine) {
    double[][] r = new double[3][3];
    double[] zooms = new double[3];
    for (int c = 0; c < 4; c++) {
      for (int row = 0; row < 3; row++) {
        if (!Double.isFinite(affine.get(row, c))) {
          throw new IllegalArgumentException("the affine " + affine + " has a non-finite"
              + " entry; a NIfTI image needs a finite voxel-to-world affine");
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      zooms[c] = Math.sqrt(affine.get(0, c) * affine.get(0, c)
          + affine.get(1, c) * affine.get(1, c) + affine.get(2, c) * affine.get(2, c));
      if (!(zooms[c] > 0)) {
        throw new IllegalArgumentException("the affine " + affine + " has a zero column " + c
            + " (a voxel of size 0); a NIfTI image needs an invertible affine");
      }
      for (int row = 0; row < 3; row++) {
        r[row][c] = affine.get(row, c) / zooms[c];
      }
    }
    double det = det(r);
    if (!(Math.abs(det) > 1e-9)) {
      throw new IllegalArgumentException("the affine " + affine + " is singular (its voxel"
          + " axes are coplanar); a NIfTI image needs an invertible affine");
    }
    double qfac = 1;
    if (det < 0) {
      qfac = -1;
      for (int row = 0; row < 3; row++) {
        r[row][2] = -r[row][2];
      }
    }
    double[][] rotation = nearestRotation(r);
    return new Qform(zooms, qfac, quaternion(rotation));
  }

  /** The orthonormal polar factor of an invertible matrix (Newton: X = (X + X^-T) / 2). */
  private static double[][] nearestRotation(double[][] m) {
    double[][] x = new double[3][];
    for (int i = 0; i < 3; i++) {
      x[i] = m[i].clone();
    }
    for (int iteration = 0; iteration < 100; iteration++) {
      double[][] inverseT = inverseTranspose(x);
      double change = 0;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          double next = 0.5 * (x[i][j] + inverseT[i][j]);
          change = Math.max(change, Math.abs(next - x[i][j]));
          x[i][j] = next;
        }
      }
      if (change < 1e-15) {
        break;
      }
    }
    return x;
  }

  private static double det(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  private static double[][] inverseTranspose(double[][] m) {
    double det = det(m);
    double[][] out = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        // (M^-1)^T [r][c] = cofactor(r, c) / det
        int r1 = (r + 1) % 3;
        int r2 = (r + 2) % 3;
        int c1 = (c + 1) % 3;
        int c2 = (c + 2) % 3;
        out[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
      }
    }
    return out;
  }

  /** The unit quaternion (a >= 0) of a rotation matrix, returned as (b, c, d) (Shepperd). */
  private static double[] quaternion(double[][] r) {
    double trace = r[0][0] + r[1][1] + r[2][2];
    double a;
    double b;
    double c;
    double d;
    if (trace > 0) {
      double s = 2 * Math.sqrt(trace + 1);
      a = 0.25 * s;
      b = (r[2][1] - r[1][2]) / s;
      c = (r[0][2] - r[2][0]) / s;
      d = (r[1][0] - r[0][1]) / s;
    } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
      double s = 2 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
      a = (r[2][1] - r[1][2]) / s;
      b = 0.25 * s;
      c = (r[0][1] + r[1][0]) / s;
      d = (r[0][2] + r[2][0]) / s;
    } else if (r[1][1] > r[2][2]) {
      double s = 2 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
      a = (r[0][2] - r[2][0]) / s;
      b = (r[0][1] + r[1][0]) / s;
      c = 0.25 * s;
      d = (r[1][2] + r[2][1]) / s;
    } else {
      double s = 2 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
      a = (r[1][0] - r[0][1]) / s;
      b = (r[0][2] + r[2][0]) / s;
      c = (r[1][2] + r[2][1]) / s;
      d = 0.25 * s;
    }
    double sign = a < 0 ? -1 : 1;
    return new double[] {sign * b, sign * c, sign * d};
  }
}
