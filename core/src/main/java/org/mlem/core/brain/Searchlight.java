package org.mlem.core.brain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spheres of a searchlight analysis: one sphere of in-mask voxels around each centre, each
 * later fitted on its own, so that a map of the fit's scores shows where in the brain the
 * features are encoded (Kriegeskorte, Goebel and Bandettini 2006).
 *
 * <p>Centres are every in-mask voxel whose i, j and k are all multiples of the stride (stride 1:
 * every in-mask voxel; stride 2: one voxel in eight, on the even grid). A voxel belongs to the
 * sphere of a centre when it is in the mask and its distance to the centre is at most the
 * radius (plus 1e-9, so that radius sqrt(2) takes the diagonal neighbours). In millimetres the
 * distance of an index offset d is |M d|, M the affine's 3 x 3 linear part, so anisotropic,
 * sheared and oblique voxels are measured in world space; in voxels it is |d|.
 *
 * <p>The offsets within the radius are enumerated once, in a box whose half-width along index
 * axis a is {@code radius * |row a of M^-1|} (the largest |d_a| with |M d| <= radius: exact for
 * any invertible affine, oblique included), then each centre keeps the offsets that land inside
 * the grid and the mask. Offsets are ordered by (dk, dj, di), which makes each sphere's flat
 * indices ascending without sorting. Time is centres x offsets; memory is the output plus one
 * bit per voxel of the grid.
 */
public final class Searchlight {
  /** Distances within this of the radius are inside. */
  static final double RADIUS_TOLERANCE = 1e-9;
  /** The largest box of index offsets searched around a centre (a radius of ~270 voxels). */
  static final long MAX_BOX = 1L << 27;

  private static final Pattern RADIUS = Pattern.compile(
      "([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?\\s*(mm|vox|voxel|voxels)?");

  private Searchlight() {}

  /** The unit of a searchlight radius. */
  public enum RadiusUnit {
    /** World millimetres, through the affine. */
    MM,
    /** Voxel index units, whatever the voxel size. */
    VOXELS
  }

  /**
   * The searchlight options.
   *
   * @param radius the sphere radius, > 0 and finite
   * @param unit its unit
   * @param stride centres on the voxels whose i, j, k are multiples of it, >= 1 (1: every voxel)
   * @param minVoxels spheres with fewer in-mask voxels are skipped, >= 1
   */
  public record Spec(double radius, RadiusUnit unit, int stride, int minVoxels) {
    /** Validates every option; the message names it, the value found and what is allowed. */
    public Spec {
      if (!(radius > 0) || Double.isInfinite(radius)) {
        throw new IllegalArgumentException("searchlight radius must be > 0 and finite, found "
            + radius);
      }
      if (unit == null) {
        throw new IllegalArgumentException("searchlight radius unit must be mm or voxels,"
            + " found null");
      }
      if (stride < 1) {
        throw new IllegalArgumentException("searchlight stride must be >= 1 (1: a sphere at"
            + " every voxel), found " + stride);
      }
      if (minVoxels < 1) {
        throw new IllegalArgumentException("searchlight min voxels must be >= 1, found "
            + minVoxels);
      }
    }

    /**
     * Options from the radius as typed: "6mm", "6 mm", "6" (millimetres), "2vox", "2 voxels".
     *
     * @throws IllegalArgumentException naming the text and the accepted forms, or a bad option
     */
    public static Spec parse(String radiusText, int stride, int minVoxels) {
      String text = radiusText == null ? "" : radiusText.trim().toLowerCase(Locale.ROOT);
      Matcher m = RADIUS.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("searchlight radius '" + radiusText + "' is not"
            + " understood; accepted forms: 6mm, 6 mm, 6 (millimetres), 2vox, 2 voxels");
      }
      String number = text.substring(0, m.start(2) < 0 ? text.length() : m.start(2)).trim();
      RadiusUnit unit = m.group(2) == null || m.group(2).equals("mm") ? RadiusUnit.MM
          : RadiusUnit.VOXELS;
      return new Spec(Double.parseDouble(number), unit, stride, minVoxels);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "radius %s %s, stride %d, min voxels %d",
          TimeWindows.plain(radius), unit == RadiusUnit.MM ? "mm" : "voxels", stride,
          minVoxels);
    }
  }

  /**
   * One sphere.
   *
   * @param center the centre's flat index ({@link NiftiVolume#flat})
   * @param ijk the centre's (i, j, k)
   * @param voxels the flat indices of the in-mask voxels within the radius, ascending, the
   *     centre included
   */
  public record Sphere(int center, int[] ijk, int[] voxels) {
    /** Copies the arrays. */
    public Sphere {
      ijk = ijk.clone();
      voxels = voxels.clone();
    }

    /** "i-j-k" of the centre, e.g. "3-10-4": a name safe in paths and markup. */
    public String name() {
      return ijk[0] + "-" + ijk[1] + "-" + ijk[2];
    }

    /** Voxels in the sphere. */
    public int size() {
      return voxels.length;
    }

    @Override
    public int[] ijk() {
      return ijk.clone();
    }

    @Override
    public int[] voxels() {
      return voxels.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sphere s && center == s.center && Arrays.equals(voxels, s.voxels);
    }

    @Override
    public int hashCode() {
      return 31 * center + Arrays.hashCode(voxels);
    }

    @Override
    public String toString() {
      return "Sphere[" + name() + ", " + voxels.length + " voxels]";
    }
  }

  /**
   * The spheres of a mask.
   *
   * @param spheres the spheres kept, by ascending centre flat index
   * @param centers the in-mask voxels considered as centres (after the stride)
   * @param skipped centres whose sphere had fewer than {@code spec.minVoxels()} voxels (not in
   *     the list)
   * @param spec the options
   */
  public record Spheres(List<Sphere> spheres, int centers, int skipped, Spec spec) {
    /** Copies the list. */
    public Spheres {
      spheres = List.copyOf(spheres);
    }
  }

  /**
   * The spheres of every centre of a mask (see the class comment).
   *
   * @param mask the voxels that may be centres and sphere members
   * @param affine the mask's voxel-to-world affine (used for a radius in millimetres)
   * @param spec the options
   * @throws IllegalArgumentException when the radius is in millimetres and the affine's linear
   *     part is singular
   */
  public static Spheres of(Mask mask, Affine affine, Spec spec) {
    int[] shape = mask.shape();
    int[] offsets = offsets(affine, spec);
    int count = offsets.length / 3;
    int[] in = mask.voxels();
    BitSet member = new BitSet(shape[0] * shape[1] * shape[2]);
    for (int v : in) {
      member.set(v);
    }
    int stride = spec.stride();
    List<Sphere> spheres = new ArrayList<>();
    int centers = 0;
    int skipped = 0;
    int[] buffer = new int[count];
    for (int c : in) {
      int[] ijk = NiftiVolume.ijk(shape, c);
      if (ijk[0] % stride != 0 || ijk[1] % stride != 0 || ijk[2] % stride != 0) {
        continue;
      }
      centers++;
      int n = 0;
      for (int o = 0; o < count; o++) {
        int i = ijk[0] + offsets[3 * o];
        int j = ijk[1] + offsets[3 * o + 1];
        int k = ijk[2] + offsets[3 * o + 2];
        if (i < 0 || j < 0 || k < 0 || i >= shape[0] || j >= shape[1] || k >= shape[2]) {
          continue;
        }
        int flat = NiftiVolume.flat(shape, i, j, k);
        if (member.get(flat)) {
          buffer[n++] = flat;
        }
      }
      if (n < spec.minVoxels()) {
        skipped++;
      } else {
        spheres.add(new Sphere(c, ijk, Arrays.copyOf(buffer, n)));
      }
    }
    return new Spheres(spheres, centers, skipped, spec);
  }

  /**
   * The index offsets (di, dj, dk) within the radius, flattened, ordered by (dk, dj, di).
   *
   * @throws IllegalArgumentException for a millimetre radius and a singular affine
   */
  static int[] offsets(Affine affine, Spec spec) {
    double[][] m = new double[3][3];
    if (spec.unit() == RadiusUnit.MM) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[r][c] = affine.get(r, c);
        }
      }
    } else {
      for (int d = 0; d < 3; d++) {
        m[d][d] = 1;
      }
    }
    double[][] inverse = inverse(m, affine);
    double radius = spec.radius();
    int[] half = new int[3];
    for (int a = 0; a < 3; a++) {
      double norm = Math.sqrt(inverse[a][0] * inverse[a][0] + inverse[a][1] * inverse[a][1]
          + inverse[a][2] * inverse[a][2]);
      half[a] = (int) Math.floor(radius * norm + 1e-6);
    }
    long box = (2L * half[0] + 1) * (2L * half[1] + 1) * (2L * half[2] + 1);
    if (box > MAX_BOX) {
      throw new IllegalArgumentException("searchlight " + spec + " spans a box of " + box
          + " voxels around each centre (at most " + MAX_BOX + "); give a smaller radius");
    }
    double limit = radius + RADIUS_TOLERANCE;
    int[] out = new int[0];
    // two passes: count the offsets within the radius, then fill exactly that many
    for (int pass = 0; pass < 2; pass++) {
      int n = 0;
      for (int dk = -half[2]; dk <= half[2]; dk++) {
        for (int dj = -half[1]; dj <= half[1]; dj++) {
          for (int di = -half[0]; di <= half[0]; di++) {
            double x = m[0][0] * di + m[0][1] * dj + m[0][2] * dk;
            double y = m[1][0] * di + m[1][1] * dj + m[1][2] * dk;
            double z = m[2][0] * di + m[2][1] * dj + m[2][2] * dk;
            if (Math.sqrt(x * x + y * y + z * z) <= limit) {
              if (pass == 1) {
                out[n] = di;
                out[n + 1] = dj;
                out[n + 2] = dk;
              }
              n += 3;
            }
          }
        }
      }
      if (pass == 0) {
        out = new int[n];
      }
    }
    return out;
  }

  private static double[][] inverse(double[][] m, Affine affine) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double scale = 0;
    for (double[] row : m) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    if (!(Math.abs(det) > 1e-12 * scale * scale * scale) || !Double.isFinite(det)) {
      throw new IllegalArgumentException("the affine " + affine + " has a singular (or non-finite)"
          + " 3 x 3 part; a searchlight radius in millimetres needs voxels of non-zero size:"
          + " fix the image's header or give the radius in voxels");
    }
    double[][] inv = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        // cofactor of m[c][r]
        int r1 = (c + 1) % 3;
        int r2 = (c + 2) % 3;
        int c1 = (r + 1) % 3;
        int c2 = (r + 2) % 3;
        inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
      }
    }
    return inv;
  }
}
