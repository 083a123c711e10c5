package org.mlem.core.brain;

import java.util.Arrays;
import java.util.Locale;

/**
 * The voxel-to-world affine of a NIfTI image: world (x, y, z) = A (i, j, k, 1), in millimetres.
 * Chosen as the NIfTI specification orders its methods: the sform ({@code srow_x/y/z}) when
 * {@code sform_code > 0}, else the qform (the quaternion {@code quatern_b/c/d} with
 * {@code a = sqrt(1 - b^2 - c^2 - d^2)}, the voxel sizes {@code pixdim[1..3]}, the handedness
 * {@code qfac = pixdim[0]} (0 read as 1) and {@code qoffset_x/y/z}) when {@code qform_code > 0},
 * else the voxel sizes alone ({@code diag(pixdim[1..3])}, no offset: the specification's method
 * 1, which nibabel replaces by a centred affine).
 *
 * @param rows the top three rows of the 4 x 4 matrix, row-major
 * @param method "sform", "qform" or "pixdim"
 */
public record Affine(double[] rows, String method) {
  /** Rounding tolerance of a quaternion whose b, c, d have norm slightly above 1 (float32). */
  private static final double QUATERNION_TOLERANCE = 3 * Math.ulp(1.0f);

  /** Copies the rows; 12 values. */
  public Affine {
    if (rows.length != 12) {
      throw new IllegalArgumentException("an affine has 12 values (3 rows of 4), found "
          + rows.length);
    }
    rows = rows.clone();
  }

  /** The affine of a header (see the class comment). */
  public static Affine of(NiftiHeader h) {
    if (h.sformCode() > 0) {
      return new Affine(h.srow(), "sform");
    }
    double[] p = h.pixdim();
    if (h.qformCode() > 0) {
      return qform(h.quatern(), new double[] {p[1], p[2], p[3]}, p[0], h.qoffset());
    }
    return new Affine(new double[] {p[1], 0, 0, 0, 0, p[2], 0, 0, 0, 0, p[3], 0}, "pixdim");
  }

  /** The qform's affine from its quaternion (b, c, d), voxel sizes, qfac and offset. */
  static Affine qform(double[] bcd, double[] voxel, double qfac, double[] offset) {
    double b = bcd[0];
    double c = bcd[1];
    double d = bcd[2];
    double a2 = 1 - (b * b + c * c + d * d);
    double a;
    if (a2 < 0) {
      if (a2 < -QUATERNION_TOLERANCE) {
        // not a unit quaternion: normalise (b, c, d), a = 0
        double n = Math.sqrt(b * b + c * c + d * d);
        b /= n;
        c /= n;
        d /= n;
      }
      a = 0;
    } else {
      a = Math.sqrt(a2);
    }
    double[][] r = {
        {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
        {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
        {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
    double q = qfac == 0 ? 1 : Math.signum(qfac);
    double[] scale = {voxel[0], voxel[1], q * voxel[2]};
    double[] rows = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rows[4 * i + j] = r[i][j] * scale[j];
      }
      rows[4 * i + 3] = offset[i];
    }
    return new Affine(rows, "qform");
  }

  /** The world coordinates (mm) of voxel (i, j, k). */
  public double[] apply(double i, double j, double k) {
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = rows[4 * r] * i + rows[4 * r + 1] * j + rows[4 * r + 2] * k + rows[4 * r + 3];
    }
    return out;
  }

  /** Entry (row, column) of the 4 x 4 matrix. */
  public double get(int row, int column) {
    if (row == 3) {
      return column == 3 ? 1 : 0;
    }
    return rows[4 * row + column];
  }

  /** Whether every entry differs from the other's by at most {@code tolerance}. */
  public boolean closeTo(Affine other, double tolerance) {
    for (int k = 0; k < 12; k++) {
      if (!(Math.abs(rows[k] - other.rows[k]) <= tolerance)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public double[] rows() {
    return rows.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Affine a && Arrays.equals(rows, a.rows) && method.equals(a.method);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rows) + method.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (int r = 0; r < 3; r++) {
      s.append(r == 0 ? "[" : ", [");
      for (int c = 0; c < 4; c++) {
        s.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", rows[4 * r + c]));
      }
      s.append(']');
    }
    return s.append("] (").append(method).append(')').toString();
  }
}
