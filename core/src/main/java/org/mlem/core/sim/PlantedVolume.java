package org.mlem.core.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlem.core.brain.Affine;
import org.mlem.core.brain.Mask;
import org.mlem.core.brain.NiftiVolume;
import org.mlem.core.brain.NiftiWriter;

/**
 * A small fMRI-like dataset with effects planted in two known places, to test a searchlight
 * end to end: the map must light up feature a in region A, feature b in region B, and neither
 * elsewhere, nor feature c anywhere.
 *
 * <p>The grid (default 14 x 14 x 8 voxels of 2 mm, isotropic, the world origin at the grid's
 * centre) holds an ellipsoid brain mask: voxel (i, j, k) is in when
 * {@code sum_d ((x_d - c_d) / h_d)^2 <= 1}, c the grid's centre ({@code (n_d - 1) / 2}) and
 * {@code h_d = n_d / 2}. Regions A and B are the in-mask voxels within {@code radius} voxels of
 * two centres on the grid's middle row along i: A at
 * {@code i = floor(c_i - radius - 1/2)}, B at {@code i = ceil(c_i + radius + 1/2)}, both at
 * {@code j = floor(c_j)}, {@code k = floor(c_k)}; the centres are more than two radii apart,
 * so the regions are disjoint.
 *
 * <p>Stimuli {@code s0 .. s(n-1)} have three balanced categorical features a, b and c of
 * {@code levels} levels ({@link PlantedFeatures}). Each voxel v of A has a pattern
 * {@code p_v(l) ~ N(0, signalSd^2)} per level l, and stimulus s's value there is
 * {@code p_v(a_s) + e}, e ~ N(0, noiseSd^2); B holds the same for b with its own patterns;
 * every other voxel of the grid (in the mask or not) holds only noise e. Feature c encodes
 * nothing. So in A, given a_s = l, the values have mean p_v(l) and variance noiseSd^2, and over
 * voxels and levels the pattern values have variance signalSd^2.
 *
 * <p>Deterministic: features, patterns and noise each come from their own stream of the seed.
 */
public final class PlantedVolume {
  private static final long STREAM_FEATURES = 71;
  private static final long STREAM_PATTERNS = 81;
  private static final long STREAM_NOISE = 82;

  /**
   * The generator's parameters; {@link #defaults()} and the {@code with...} methods.
   *
   * @param nx voxels along i, >= 3
   * @param ny voxels along j, >= 3
   * @param nz voxels along k, >= 3
   * @param voxelMm voxel size (mm), > 0 (default 2)
   * @param radius region radius in voxels, > 0 (default 3)
   * @param stimuli n, >= levels (default 120)
   * @param levels levels of each feature, >= 2 (default 3)
   * @param signalSd standard deviation of the planted patterns, >= 0 (default 1)
   * @param noiseSd standard deviation of the noise, > 0 (default 1)
   * @param seed the seed of every draw (default 1)
   */
  public record Options(int nx, int ny, int nz, double voxelMm, double radius, int stimuli,
      int levels, double signalSd, double noiseSd, long seed) {
    /** Validates every parameter. */
    public Options {
      if (nx < 3 || ny < 3 || nz < 3) {
        throw new IllegalArgumentException("planted volume grid must be at least 3 x 3 x 3,"
            + " found " + nx + " x " + ny + " x " + nz);
      }
      positive("voxelMm", voxelMm);
      positive("radius", radius);
      positive("noiseSd", noiseSd);
      if (!(signalSd >= 0) || Double.isInfinite(signalSd)) {
        throw new IllegalArgumentException("signalSd must be >= 0 and finite, found "
            + signalSd);
      }
      if (levels < 2) {
        throw new IllegalArgumentException("levels must be >= 2, found " + levels);
      }
      if (stimuli < levels) {
        throw new IllegalArgumentException("stimuli must be >= levels (" + levels
            + "), found " + stimuli);
      }
    }

    /** 14 x 14 x 8 voxels of 2 mm, radius 3 voxels, 120 stimuli, 3 levels, sd 1 and 1, seed 1. */
    public static Options defaults() {
      return new Options(14, 14, 8, 2, 3, 120, 3, 1, 1, 1);
    }

    /** The same with another seed. */
    public Options withSeed(long s) {
      return new Options(nx, ny, nz, voxelMm, radius, stimuli, levels, signalSd, noiseSd, s);
    }

    /** The same with another number of stimuli. */
    public Options withStimuli(int n) {
      return new Options(nx, ny, nz, voxelMm, radius, n, levels, signalSd, noiseSd, seed);
    }

    /** The same with another number of levels. */
    public Options withLevels(int l) {
      return new Options(nx, ny, nz, voxelMm, radius, stimuli, l, signalSd, noiseSd, seed);
    }

    /** The same with other standard deviations. */
    public Options withSd(double signal, double noise) {
      return new Options(nx, ny, nz, voxelMm, radius, stimuli, levels, signal, noise, seed);
    }

    /** The same with another grid and region radius. */
    public Options withGrid(int i, int j, int k, double mm, double r) {
      return new Options(i, j, k, mm, r, stimuli, levels, signalSd, noiseSd, seed);
    }

    private static void positive(String name, double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be > 0 and finite, found " + value);
      }
    }
  }

  private final Options options;
  private final int[] shape;
  private final Affine affine;
  private final Mask mask;
  private final int[] centerA;
  private final int[] centerB;
  private final int[] regionA;
  private final int[] regionB;
  private final PlantedFeatures features;
  private final double[][] patternsA;
  private final double[][] patternsB;
  private final float[] data;

  private PlantedVolume(Options o) {
    this.options = o;
    this.shape = new int[] {o.nx(), o.ny(), o.nz()};
    double[] c = {(o.nx() - 1) / 2.0, (o.ny() - 1) / 2.0, (o.nz() - 1) / 2.0};
    double mm = o.voxelMm();
    this.affine = new Affine(new double[] {mm, 0, 0, -mm * c[0], 0, mm, 0, -mm * c[1],
        0, 0, mm, -mm * c[2]}, "sform");
    List<Integer> in = new ArrayList<>();
    int n = o.nx() * o.ny() * o.nz();
    for (int v = 0; v < n; v++) {
      int[] p = NiftiVolume.ijk(shape, v);
      double e = 0;
      for (int d = 0; d < 3; d++) {
        double u = (p[d] - c[d]) / (shape[d] / 2.0);
        e += u * u;
      }
      if (e <= 1) {
        in.add(v);
      }
    }
    this.mask = new Mask("planted ellipsoid mask", shape,
        in.stream().mapToInt(Integer::intValue).toArray());
    int j = (int) Math.floor(c[1]);
    int k = (int) Math.floor(c[2]);
    this.centerA = new int[] {(int) Math.floor(c[0] - o.radius() - 0.5), j, k};
    this.centerB = new int[] {(int) Math.ceil(c[0] + o.radius() + 0.5), j, k};
    if (centerA[0] < 0 || centerB[0] >= o.nx()) {
      throw new IllegalArgumentException("a grid of " + o.nx() + " voxels along i is too small"
          + " for two disjoint regions of radius " + o.radius() + " voxels; give a larger nx"
          + " or a smaller radius");
    }
    this.regionA = region(centerA);
    this.regionB = region(centerB);
    if (regionA.length == 0 || regionB.length == 0) {
      throw new IllegalArgumentException("a planted region has no voxel in the mask; give a"
          + " larger grid");
    }
    this.features = PlantedFeatures.balanced(o.stimuli(), o.levels(), List.of("a", "b", "c"),
        o.seed(), STREAM_FEATURES);
    SimRandom patterns = new SimRandom(SimRandom.derive(o.seed(), STREAM_PATTERNS));
    this.patternsA = patterns(patterns, regionA.length);
    this.patternsB = patterns(patterns, regionB.length);
    SimRandom noise = new SimRandom(SimRandom.derive(o.seed(), STREAM_NOISE));
    int[] a = features.levels("a");
    int[] b = features.levels("b");
    this.data = new float[o.stimuli() * n];
    for (int s = 0; s < o.stimuli(); s++) {
      int row = s * n;
      for (int v = 0; v < n; v++) {
        data[row + v] = (float) (o.noiseSd() * noise.gaussian());
      }
      for (int r = 0; r < regionA.length; r++) {
        data[row + regionA[r]] += (float) patternsA[r][a[s]];
      }
      for (int r = 0; r < regionB.length; r++) {
        data[row + regionB[r]] += (float) patternsB[r][b[s]];
      }
    }
  }

  /** Generates the dataset (see the class comment). */
  public static PlantedVolume generate(Options options) {
    return new PlantedVolume(options);
  }

  private int[] region(int[] center) {
    List<Integer> out = new ArrayList<>();
    double r2 = options.radius() * options.radius() + 1e-9;
    for (int v : mask.voxels()) {
      int[] p = NiftiVolume.ijk(shape, v);
      double d2 = 0;
      for (int d = 0; d < 3; d++) {
        d2 += (double) (p[d] - center[d]) * (p[d] - center[d]);
      }
      if (d2 <= r2) {
        out.add(v);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private double[][] patterns(SimRandom random, int voxels) {
    double[][] out = new double[voxels][options.levels()];
    for (double[] row : out) {
      for (int l = 0; l < row.length; l++) {
        row[l] = options.signalSd() * random.gaussian();
      }
    }
    return out;
  }

  /** The parameters. */
  public Options options() {
    return options;
  }

  /** Stimuli. */
  public int stimuli() {
    return options.stimuli();
  }

  /** The stimulus ids {@code s0 ..}, in row order. */
  public List<String> ids() {
    return features.ids();
  }

  /** The features a, b and c, each a list of levels as text, in the order of the ids. */
  public Map<String, List<String>> columns() {
    return features.columns();
  }

  /** The feature table. */
  public PlantedFeatures features() {
    return features;
  }

  /** Voxels along i, j, k. */
  public int[] shape() {
    return shape.clone();
  }

  /** The voxel-to-world affine. */
  public Affine affine() {
    return affine;
  }

  /** The brain mask. */
  public Mask mask() {
    return mask;
  }

  /** Region A's flat voxel indices, ascending (it encodes a). */
  public int[] regionA() {
    return regionA.clone();
  }

  /** Region B's flat voxel indices, ascending (it encodes b). */
  public int[] regionB() {
    return regionB.clone();
  }

  /** Region A's centre (i, j, k). */
  public int[] centerA() {
    return centerA.clone();
  }

  /** Region B's centre (i, j, k). */
  public int[] centerB() {
    return centerB.clone();
  }

  /** The pattern of a's level {@code level} at the r-th voxel of A. */
  public double patternA(int r, int level) {
    return patternsA[r][level];
  }

  /** The pattern of b's level {@code level} at the r-th voxel of B. */
  public double patternB(int r, int level) {
    return patternsB[r][level];
  }

  /**
   * The values, stimuli x (every voxel of the grid, flat order), row-major: stimulus s's
   * volume occupies {@code [s * nvox, (s + 1) * nvox)}. Not copied: do not modify it.
   */
  public float[] data() {
    return data;
  }

  /** Stimulus s's value at a flat voxel index. */
  public float value(int stimulus, int flat) {
    return data[stimulus * shape[0] * shape[1] * shape[2] + flat];
  }

  /** Writes the features as CSV ({@code id,a,b,c}). */
  public void writeFeaturesCsv(Path path) throws IOException {
    features.writeCsv(path);
  }

  /**
   * Writes the 4-D float32 betas (one volume per stimulus, in id order) and the mask (float32,
   * 1 in, 0 out), gzip-compressed when a name ends in {@code .nii.gz}.
   */
  public void writeNifti(Path betas, Path maskPath) throws IOException {
    NiftiWriter.writeSeries(betas, shape, options.stimuli(), affine, data,
        "planted betas seed " + options.seed());
    float[] m = new float[shape[0] * shape[1] * shape[2]];
    for (int v : mask.voxels()) {
      m[v] = 1;
    }
    NiftiWriter.write(maskPath, shape, affine, m, "planted mask");
  }
}
