package org.mlem.core.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.brain.Searchlight.RadiusUnit;
import org.mlem.core.brain.Searchlight.Spec;
import org.mlem.core.brain.Searchlight.Sphere;
import org.mlem.core.brain.Searchlight.Spheres;

/**
 * Sphere sizes counted by hand on full and holed grids, and every sphere of random masks and
 * affines against a brute-force search over all voxel pairs in world space.
 */
class SearchlightTest {
  private static final int[] CUBE = {5, 5, 5};
  private static final Affine IDENTITY = scaled(1, 1, 1);

  static Affine scaled(double x, double y, double z) {
    return new Affine(new double[] {x, 0, 0, -10, 0, y, 0, 20, 0, 0, z, 3}, "sform");
  }

  /** A rotation by {@code degrees} about z of an axis-aligned affine of these voxel sizes. */
  static Affine rotated(double degrees, double x, double y, double z) {
    double c = Math.cos(Math.toRadians(degrees));
    double s = Math.sin(Math.toRadians(degrees));
    return new Affine(new double[] {c * x, -s * y, 0, 7, s * x, c * y, 0, -4, 0, 0, z, 1},
        "sform");
  }

  static Mask full(int[] shape) {
    int[] all = new int[shape[0] * shape[1] * shape[2]];
    for (int v = 0; v < all.length; v++) {
      all[v] = v;
    }
    return new Mask("full", shape, all);
  }

  static Sphere at(Spheres s, int[] shape, int i, int j, int k) {
    int flat = NiftiVolume.flat(shape, i, j, k);
    for (Sphere sphere : s.spheres()) {
      if (sphere.center() == flat) {
        return sphere;
      }
    }
    throw new AssertionError("no sphere at " + i + "-" + j + "-" + k);
  }

  static Spheres voxels(Mask mask, double radius) {
    return Searchlight.of(mask, IDENTITY, new Spec(radius, RadiusUnit.VOXELS, 1, 1));
  }

  @Test
  void radiusOneVoxelHoldsTheSixFaceNeighboursInsideAndThreeAtACorner() {
    Spheres s = voxels(full(CUBE), 1);
    assertEquals(125, s.centers());
    assertEquals(0, s.skipped());
    assertEquals(125, s.spheres().size());
    Sphere inside = at(s, CUBE, 2, 2, 2);
    assertEquals(7, inside.size());
    int c = NiftiVolume.flat(CUBE, 2, 2, 2);
    // flat offsets of the face neighbours: 1 (i), 5 (j), 25 (k)
    assertArrayEquals(new int[] {c - 25, c - 5, c - 1, c, c + 1, c + 5, c + 25},
        inside.voxels());
    assertEquals("2-2-2", inside.name());
    Sphere corner = at(s, CUBE, 0, 0, 0);
    assertArrayEquals(new int[] {0, 1, 5, 25}, corner.voxels());
    assertEquals(4, at(s, CUBE, 4, 4, 4).size());
    assertEquals(6, at(s, CUBE, 2, 2, 0).size()); // a face: one neighbour missing
  }

  @Test
  void radiiRootTwoAndRootThreeAddTheEdgeAndCornerNeighbours() {
    // sqrt(2): 1 + 6 faces + 12 edges; sqrt(3): the whole 3 x 3 x 3 cube
    assertEquals(19, at(voxels(full(CUBE), Math.sqrt(2)), CUBE, 2, 2, 2).size());
    assertEquals(27, at(voxels(full(CUBE), Math.sqrt(3)), CUBE, 2, 2, 2).size());
    // radius 2: 19 + the 6 voxels two steps along an axis (sqrt(3) < 2 too: 27 + 6)
    assertEquals(33, at(voxels(full(CUBE), 2), CUBE, 2, 2, 2).size());
    // a corner with sqrt(3): the 2 x 2 x 2 block
    assertEquals(8, at(voxels(full(CUBE), Math.sqrt(3)), CUBE, 0, 0, 0).size());
  }

  @Test
  void millimetresGoThroughTheVoxelSize() {
    Spheres two = Searchlight.of(full(CUBE), scaled(2, 2, 2), new Spec(2, RadiusUnit.MM, 1, 1));
    Spheres one = voxels(full(CUBE), 1);
    assertEquals(one.spheres(), two.spheres());
    // 1 x 1 x 3 mm, radius 2 mm: no neighbour along k (3 mm); in the plane |(di, dj)| <= 2:
    // the centre, 4 at distance 1, 4 diagonals at sqrt(2), 4 at distance 2 = 13
    Spheres aniso = Searchlight.of(full(CUBE), scaled(1, 1, 3),
        new Spec(2, RadiusUnit.MM, 1, 1));
    Sphere s = at(aniso, CUBE, 2, 2, 2);
    assertEquals(13, s.size());
    for (int v : s.voxels()) {
      assertEquals(2, NiftiVolume.ijk(CUBE, v)[2]);
    }
    // a negative (flipped) voxel size measures the same
    assertEquals(aniso.spheres(), Searchlight.of(full(CUBE), scaled(-1, 1, 3),
        new Spec(2, RadiusUnit.MM, 1, 1)).spheres());
  }

  @Test
  void anObliqueAffineGivesTheSameSpheresAsTheUnrotatedOne() {
    Spec spec = new Spec(2, RadiusUnit.MM, 1, 1);
    Spheres straight = Searchlight.of(full(CUBE), scaled(1, 1, 3), spec);
    Spheres oblique = Searchlight.of(full(CUBE), rotated(45, 1, 1, 3), spec);
    assertEquals(straight.spheres(), oblique.spheres());
    assertEquals(13, at(oblique, CUBE, 2, 2, 2).size());
    // anisotropic in plane (1 x 2 mm) rotated by 30 degrees: still |M d| = |diag d|
    Spec three = new Spec(3, RadiusUnit.MM, 1, 1);
    assertEquals(Searchlight.of(full(CUBE), scaled(1, 2, 1), three).spheres(),
        Searchlight.of(full(CUBE), rotated(30, 1, 2, 1), three).spheres());
  }

  @Test
  void strideTwoCentresOnTheEvenGrid() {
    Spheres s = Searchlight.of(full(CUBE), IDENTITY, new Spec(1, RadiusUnit.VOXELS, 2, 1));
    assertEquals(27, s.centers()); // i, j, k in {0, 2, 4}
    assertEquals(27, s.spheres().size());
    for (Sphere sphere : s.spheres()) {
      for (int d : sphere.ijk()) {
        assertEquals(0, d % 2, sphere.name());
      }
    }
    assertEquals("0-0-0", s.spheres().get(0).name());
    assertEquals("4-4-4", s.spheres().get(26).name());
  }

  @Test
  void smallSpheresAreSkippedAndCounted() {
    // radius 1 voxel: the 8 corners hold 4 voxels, edges 5, faces 6, inside 7
    Spheres s = Searchlight.of(full(CUBE), IDENTITY, new Spec(1, RadiusUnit.VOXELS, 1, 5));
    assertEquals(125, s.centers());
    assertEquals(8, s.skipped());
    assertEquals(117, s.spheres().size());
    Spheres six = Searchlight.of(full(CUBE), IDENTITY, new Spec(1, RadiusUnit.VOXELS, 1, 6));
    // skipped: 8 corners and 12 edges x 3 voxels
    assertEquals(8 + 36, six.skipped());
  }

  @Test
  void voxelsOutsideTheMaskAreNeitherCentresNorMembers() {
    int hole = NiftiVolume.flat(CUBE, 3, 2, 2);
    List<Integer> in = new ArrayList<>();
    for (int v = 0; v < 125; v++) {
      if (v != hole) {
        in.add(v);
      }
    }
    Mask mask = new Mask("holed", CUBE, in.stream().mapToInt(Integer::intValue).toArray());
    Spheres s = voxels(mask, 1);
    assertEquals(124, s.centers());
    int c = NiftiVolume.flat(CUBE, 2, 2, 2);
    assertArrayEquals(new int[] {c - 25, c - 5, c - 1, c, c + 5, c + 25},
        at(s, CUBE, 2, 2, 2).voxels());
    for (Sphere sphere : s.spheres()) {
      assertTrue(sphere.center() != hole);
      for (int v : sphere.voxels()) {
        assertTrue(v != hole);
      }
    }
  }

  @Test
  void randomMasksAndAffinesMatchABruteForceSearch() {
    SplittableRandom random = new SplittableRandom(20261202);
    for (int trial = 0; trial < 20; trial++) {
      int[] shape = {3 + random.nextInt(6), 3 + random.nextInt(6), 2 + random.nextInt(5)};
      int n = shape[0] * shape[1] * shape[2];
      List<Integer> in = new ArrayList<>();
      for (int v = 0; v < n; v++) {
        if (random.nextDouble() < 0.7) {
          in.add(v);
        }
      }
      if (in.isEmpty()) {
        in.add(0);
      }
      Mask mask = new Mask("random", shape, in.stream().mapToInt(Integer::intValue).toArray());
      double[] rows = new double[12];
      for (int k = 0; k < 12; k++) {
        rows[k] = random.nextDouble(-2.5, 2.5);
      }
      Affine affine = new Affine(rows, "sform");
      double radius = random.nextDouble(0.5, 5);
      int stride = 1 + random.nextInt(2);
      int min = 1 + random.nextInt(4);
      Spec spec = new Spec(radius, RadiusUnit.MM, stride, min);
      Spheres got = Searchlight.of(mask, affine, spec);
      List<Sphere> expected = new ArrayList<>();
      int centers = 0;
      int skipped = 0;
      for (int c : mask.voxels()) {
        int[] a = NiftiVolume.ijk(shape, c);
        if (a[0] % stride != 0 || a[1] % stride != 0 || a[2] % stride != 0) {
          continue;
        }
        centers++;
        double[] wc = affine.apply(a[0], a[1], a[2]);
        List<Integer> members = new ArrayList<>();
        for (int v : mask.voxels()) {
          int[] b = NiftiVolume.ijk(shape, v);
          double[] wv = affine.apply(b[0], b[1], b[2]);
          double d = Math.sqrt(Math.pow(wc[0] - wv[0], 2) + Math.pow(wc[1] - wv[1], 2)
              + Math.pow(wc[2] - wv[2], 2));
          if (d <= radius + 1e-9) {
            members.add(v);
          }
        }
        if (members.size() < min) {
          skipped++;
        } else {
          expected.add(new Sphere(c, a, members.stream().mapToInt(Integer::intValue).toArray()));
        }
      }
      assertEquals(centers, got.centers(), "trial " + trial);
      assertEquals(skipped, got.skipped(), "trial " + trial);
      assertEquals(expected, got.spheres(), "trial " + trial + " " + affine + " " + spec);
    }
  }

  @Test
  void aWholeBrainOfSixtyThousandCentresTakesSeconds() {
    // an ellipsoid of about 60k voxels in a 64 x 76 x 64 grid of 2 mm voxels, radius 6 mm
    int[] shape = {64, 76, 64};
    List<Integer> in = new ArrayList<>();
    for (int k = 0; k < shape[2]; k++) {
      for (int j = 0; j < shape[1]; j++) {
        for (int i = 0; i < shape[0]; i++) {
          double x = (i - 31.5) / 29;
          double y = (j - 37.5) / 35;
          double z = (k - 31.5) / 25;
          if (x * x + y * y + z * z <= 1) {
            in.add(NiftiVolume.flat(shape, i, j, k));
          }
        }
      }
    }
    Mask mask = new Mask("ellipsoid", shape, in.stream().mapToInt(Integer::intValue).toArray());
    long start = System.nanoTime();
    Spheres s = Searchlight.of(mask, scaled(2, 2, 2), Spec.parse("6mm", 1, 1));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(mask.size(), s.centers());
    assertTrue(mask.size() > 50_000, "" + mask.size());
    // an interior sphere of radius 3 voxels: 123 voxels (lattice points with |d|^2 <= 9)
    assertEquals(123, at(s, shape, 32, 38, 32).size());
    assertTrue(seconds < 20, "took " + seconds + " s");
  }

  @Test
  void radiusTextAndOptionsAreParsedAndValidated() {
    assertEquals(new Spec(6, RadiusUnit.MM, 1, 1), Spec.parse("6mm", 1, 1));
    assertEquals(new Spec(6, RadiusUnit.MM, 1, 1), Spec.parse(" 6 mm ", 1, 1));
    assertEquals(new Spec(6.5, RadiusUnit.MM, 2, 3), Spec.parse("6.5", 2, 3));
    assertEquals(new Spec(2, RadiusUnit.VOXELS, 1, 1), Spec.parse("2vox", 1, 1));
    assertEquals(new Spec(2, RadiusUnit.VOXELS, 1, 1), Spec.parse("2 voxels", 1, 1));
    assertEquals(new Spec(2, RadiusUnit.VOXELS, 1, 1), Spec.parse("2 VOXEL", 1, 1));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Spec.parse("6cm", 1, 1));
    assertEquals("searchlight radius '6cm' is not understood; accepted forms: 6mm, 6 mm, 6"
        + " (millimetres), 2vox, 2 voxels", bad.getMessage());
    assertEquals("searchlight radius must be > 0 and finite, found 0.0",
        assertThrows(IllegalArgumentException.class, () -> Spec.parse("0mm", 1, 1))
            .getMessage());
    assertEquals("searchlight stride must be >= 1 (1: a sphere at every voxel), found 0",
        assertThrows(IllegalArgumentException.class, () -> Spec.parse("6", 0, 1)).getMessage());
    assertEquals("searchlight min voxels must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> Spec.parse("6", 1, 0)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Spec(Double.NaN, RadiusUnit.MM, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new Spec(Double.POSITIVE_INFINITY, RadiusUnit.MM, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Spec.parse("-2mm", 1, 1));
  }

  @Test
  void aSingularAffineIsRefusedForMillimetresOnly() {
    Affine flat = scaled(2, 2, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Searchlight.of(full(CUBE), flat, new Spec(2, RadiusUnit.MM, 1, 1)));
    assertTrue(e.getMessage().contains("singular"), e.getMessage());
    assertEquals(7, at(Searchlight.of(full(CUBE), flat, new Spec(1, RadiusUnit.VOXELS, 1, 1)),
        CUBE, 2, 2, 2).size());
  }

  @Test
  void anAbsurdRadiusIsRefusedBeforeAnyWork() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Searchlight.of(full(CUBE), IDENTITY, new Spec(1000, RadiusUnit.VOXELS, 1, 1)));
    assertEquals("searchlight radius 1000 voxels, stride 1, min voxels 1 spans a box of"
        + " 8012006001 voxels around each centre (at most 134217728); give a smaller radius",
        e.getMessage());
  }
}
