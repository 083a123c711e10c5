package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.brain.Mask;
import org.mlem.core.brain.NiftiReader;
import org.mlem.core.brain.NiftiVolume;

/**
 * The planted volume against its stated model: region A's voxels vary with a by the patterns'
 * variance and with nothing else, B's with b, every other voxel with no feature; the noise has
 * the stated variance; the grid, mask and regions are where the class comment puts them; the
 * same seed gives the same data; the files read back.
 */
class PlantedVolumeTest {
  /** 600 stimuli, 3 levels of 200: noise 2 (variance 4), patterns of sd 1. */
  static final PlantedVolume.Options BIG = PlantedVolume.Options.defaults().withStimuli(600)
      .withSd(1, 2).withSeed(42);
  static final double NOISE_VARIANCE = 4;
  /** (L - 1) / L * noise variance / n_l: the between-level variance of noise alone. */
  static final double NOISE_BETWEEN = 2.0 / 3 * NOISE_VARIANCE / 200;
  /** (L - 1) / L * pattern variance: what a pattern adds to it in expectation. */
  static final double PATTERN_BETWEEN = 2.0 / 3 * 1;

  @TempDir
  Path dir;

  static double[] voxel(PlantedVolume p, int flat) {
    double[] v = new double[p.stimuli()];
    for (int s = 0; s < v.length; s++) {
      v[s] = p.value(s, flat);
    }
    return v;
  }

  /** Mean between-level variance over some voxels, grouped by one feature. */
  static double meanBetween(PlantedVolume p, int[] voxels, String feature) {
    int[] level = p.features().levels(feature);
    double sum = 0;
    for (int v : voxels) {
      sum += LevelStats.between(voxel(p, v), level, 3);
    }
    return sum / voxels.length;
  }

  static double meanWithin(PlantedVolume p, int[] voxels, String feature) {
    int[] level = p.features().levels(feature);
    double sum = 0;
    for (int v : voxels) {
      sum += LevelStats.within(voxel(p, v), level, 3);
    }
    return sum / voxels.length;
  }

  static int[] elsewhere(PlantedVolume p) {
    Set<Integer> planted = new HashSet<>();
    for (int v : p.regionA()) {
      planted.add(v);
    }
    for (int v : p.regionB()) {
      planted.add(v);
    }
    int n = p.shape()[0] * p.shape()[1] * p.shape()[2];
    return java.util.stream.IntStream.range(0, n).filter(v -> !planted.contains(v)).toArray();
  }

  @Test
  void regionAVariesWithAOnlyRegionBWithBOnlyAndTheRestWithNothing() {
    PlantedVolume p = PlantedVolume.generate(BIG);
    int[] a = p.regionA();
    int[] b = p.regionB();
    int[] rest = elsewhere(p);
    assertTrue(a.length >= 60 && b.length >= 60, a.length + " " + b.length);
    // planted: patterns' (L-1)/L variance plus the noise's share; 10% SE over ~100 voxels
    assertEquals(PATTERN_BETWEEN + NOISE_BETWEEN, meanBetween(p, a, "a"), 0.25);
    assertEquals(PATTERN_BETWEEN + NOISE_BETWEEN, meanBetween(p, b, "b"), 0.25);
    // not planted: noise alone (~1400 voxels: SE ~3%); a region seen through the other feature
    // also carries its own pattern, averaged over 200 stimuli (variance 2/3 / 200 more)
    assertEquals(NOISE_BETWEEN, meanBetween(p, rest, "a"), 0.2 * NOISE_BETWEEN);
    assertEquals(NOISE_BETWEEN, meanBetween(p, rest, "b"), 0.2 * NOISE_BETWEEN);
    assertEquals(NOISE_BETWEEN, meanBetween(p, rest, "c"), 0.2 * NOISE_BETWEEN);
    double crossed = 2.0 / 3 * (NOISE_VARIANCE + 2.0 / 3) / 200;
    assertEquals(crossed, meanBetween(p, a, "b"), 0.5 * crossed);
    assertEquals(crossed, meanBetween(p, b, "a"), 0.5 * crossed);
    assertEquals(crossed, meanBetween(p, a, "c"), 0.5 * crossed);
    // the noise around each level's mean: variance 4 (SE ~0.6% over 60k values)
    assertEquals(NOISE_VARIANCE, meanWithin(p, a, "a"), 0.1);
    assertEquals(NOISE_VARIANCE, meanWithin(p, rest, "a"), 0.05);
    // and the noise has mean 0
    double mean = 0;
    for (int v : rest) {
      for (double x : voxel(p, v)) {
        mean += x;
      }
    }
    mean /= (double) rest.length * p.stimuli();
    assertEquals(0, mean, 0.01); // SE 2 / sqrt(840k) = 0.002
  }

  @Test
  void theValuesAreThePatternPlusNoiseOfTheStatedVariance() {
    PlantedVolume p = PlantedVolume.generate(BIG);
    int[] a = p.regionA();
    int[] level = p.features().levels("a");
    double ss = 0;
    double patterns = 0;
    for (int r = 0; r < a.length; r++) {
      for (int s = 0; s < p.stimuli(); s++) {
        double e = p.value(s, a[r]) - p.patternA(r, level[s]);
        ss += e * e;
      }
      for (int l = 0; l < 3; l++) {
        patterns += p.patternA(r, l) * p.patternA(r, l);
      }
    }
    assertEquals(NOISE_VARIANCE, ss / ((double) a.length * p.stimuli()), 0.1);
    assertEquals(1, patterns / (3.0 * a.length), 0.3); // 300 draws of N(0, 1): SE 0.08
  }

  @Test
  void theGridMaskAndRegionsAreWhereTheyAreDescribed() {
    PlantedVolume p = PlantedVolume.generate(PlantedVolume.Options.defaults());
    assertArrayEquals(new int[] {14, 14, 8}, p.shape());
    // 2 mm voxels, the grid's centre (6.5, 6.5, 3.5) at the world origin
    assertArrayEquals(new double[] {0, 0, 0}, p.affine().apply(6.5, 6.5, 3.5), 1e-12);
    assertArrayEquals(new double[] {2, 0, 0}, sub(p.affine().apply(7.5, 6.5, 3.5),
        p.affine().apply(6.5, 6.5, 3.5)), 1e-12);
    Mask m = p.mask();
    int[] shape = p.shape();
    assertTrue(m.contains(NiftiVolume.flat(shape, 7, 7, 4)));
    assertTrue(m.contains(NiftiVolume.flat(shape, 0, 7, 4))); // (6.5/7)^2 + small < 1
    assertFalse(m.contains(NiftiVolume.flat(shape, 0, 0, 0))); // a corner
    // (7, 7, 7): 2 (0.5/7)^2 + (3.5/4)^2 = 0.78: in; (3, 7, 7): (3.5/7)^2 + (0.5/7)^2
    // + (3.5/4)^2 = 1.02: out
    assertTrue(m.contains(NiftiVolume.flat(shape, 7, 7, 7)));
    assertFalse(m.contains(NiftiVolume.flat(shape, 3, 7, 7)));
    // A at i = floor(6.5 - 3.5) = 3, B at ceil(6.5 + 3.5) = 10, j = 6, k = 3
    assertArrayEquals(new int[] {3, 6, 3}, p.centerA());
    assertArrayEquals(new int[] {10, 6, 3}, p.centerB());
    Set<Integer> a = new HashSet<>();
    for (int v : p.regionA()) {
      a.add(v);
      assertTrue(m.contains(v));
      assertTrue(dist2(NiftiVolume.ijk(shape, v), p.centerA()) <= 9);
    }
    for (int v : p.regionB()) {
      assertFalse(a.contains(v));
      assertTrue(m.contains(v));
      assertTrue(dist2(NiftiVolume.ijk(shape, v), p.centerB()) <= 9);
    }
    assertTrue(a.contains(NiftiVolume.flat(shape, 3, 6, 3)));
    assertTrue(a.contains(NiftiVolume.flat(shape, 0, 6, 3)));
    assertFalse(a.contains(NiftiVolume.flat(shape, 3, 6, 7))); // 4 voxels from the centre
    // ids and balanced levels: 120 stimuli, 40 per level
    assertEquals(List.of("a", "b", "c"), List.copyOf(p.columns().keySet()));
    assertEquals("s0", p.ids().get(0));
    assertEquals("s119", p.ids().get(119));
    for (String f : p.columns().keySet()) {
      int[] count = new int[3];
      for (int l : p.features().levels(f)) {
        count[l]++;
      }
      assertArrayEquals(new int[] {40, 40, 40}, count, f);
    }
  }

  @Test
  void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
    PlantedVolume one = PlantedVolume.generate(PlantedVolume.Options.defaults());
    PlantedVolume two = PlantedVolume.generate(PlantedVolume.Options.defaults());
    PlantedVolume other = PlantedVolume.generate(PlantedVolume.Options.defaults().withSeed(2));
    assertArrayEquals(one.data(), two.data());
    assertEquals(one.columns(), two.columns());
    assertFalse(Arrays.equals(one.data(), other.data()));
    assertFalse(one.columns().equals(other.columns()));
  }

  @Test
  void theFilesReadBack() throws IOException {
    PlantedVolume p = PlantedVolume.generate(PlantedVolume.Options.defaults());
    Path betas = dir.resolve("betas.nii.gz");
    Path mask = dir.resolve("mask.nii.gz");
    Path csv = dir.resolve("features.csv");
    p.writeNifti(betas, mask);
    p.writeFeaturesCsv(csv);
    int n = 14 * 14 * 8;
    try (NiftiReader r = NiftiReader.open(Files.newInputStream(betas), "betas")) {
      assertEquals(120, r.volumes());
      assertTrue(r.affine().closeTo(p.affine(), 1e-6));
      for (int s = 0; s < 120; s++) {
        double[] v = r.nextVolume();
        for (int k = 0; k < n; k++) {
          assertEquals(p.value(s, k), v[k], 0);
        }
      }
    }
    Mask back = Mask.of(NiftiReader.readVolume(Files.newInputStream(mask), "mask"));
    assertArrayEquals(p.mask().voxels(), back.voxels());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(121, lines.size());
    assertEquals("id,a,b,c", lines.get(0));
    assertEquals("s0," + p.columns().get("a").get(0) + "," + p.columns().get("b").get(0) + ","
        + p.columns().get("c").get(0), lines.get(1));
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count()); // no temporary file left
    }
  }

  @Test
  void badOptionsAreNamed() {
    assertEquals("stimuli must be >= levels (3), found 2", assertThrows(
        IllegalArgumentException.class,
        () -> PlantedVolume.Options.defaults().withStimuli(2)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PlantedVolume.Options.defaults().withSd(1, 0));
    assertThrows(IllegalArgumentException.class, () -> PlantedVolume.generate(
        PlantedVolume.Options.defaults().withGrid(7, 14, 8, 2, 3)));
  }

  private static double[] sub(double[] x, double[] y) {
    return new double[] {x[0] - y[0], x[1] - y[1], x[2] - y[2]};
  }

  private static int dist2(int[] x, int[] y) {
    int d = 0;
    for (int k = 0; k < 3; k++) {
      d += (x[k] - y[k]) * (x[k] - y[k]);
    }
    return d;
  }
}
