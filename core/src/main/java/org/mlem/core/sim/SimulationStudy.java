package org.mlem.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated datasets of the paper's section 2.5.1 (docs/method.md section 8), whose ground-truth
 * metric W* is known, to test how well a method recovers it.
 *
 * <p>Recipe: F binary features with values {@code "A"}/{@code "B"}, each drawn with probability
 * 0.5 independently per stimulus and feature (columns {@code f0, f1, ...}); W* =
 * {@link RandomSpd#make} (F x F, SPD, unit Frobenius norm); for every pair of stimuli the
 * feature-distance vector delta_ij (delta_f = 1 if the two stimuli differ on feature f, else 0)
 * and d_ij = sqrt(delta_ij^T W* delta_ij); {@link ClassicalMds} of the n x n matrix d to
 * {@code dims} dimensions; then {@link NoiseInjection#addGaussian} at the given level. The
 * distances d are not exactly Euclidean-embeddable (W* has off-diagonal terms), so the noiseless
 * representations reproduce d closely but not exactly. Stimulus ids are {@code s0, s1, ...}.
 *
 * <p>Randomness: the features, W* and the noise each use their own stream derived from
 * {@code seed}, so the same arguments give the same dataset bit for bit, and changing only the
 * noise level keeps the features, W* and noiseless geometry. Cost: O(n^2 F^2) for the distances
 * plus O(n^3) for MDS (n = 1000, F = 6, dims = 64 takes about 1.5 s).
 */
public final class SimulationStudy {
  private static final long STREAM_FEATURES = 11;
  private static final long STREAM_METRIC = 12;
  private static final long STREAM_NOISE = 13;

  private SimulationStudy() {}

  /**
   * Generates one simulated dataset.
   *
   * @param stimuli the number of stimuli n, >= 4
   * @param features the number of binary features F, >= 1
   * @param dims the representation length, 1 <= dims <= stimuli (classical MDS limit)
   * @param noiseLevel the noise level, finite and >= 0 (paper: 0 to several)
   * @param seed the seed of every random draw
   * @return the dataset, with {@code trueWeights} = W*
   * @throws IllegalArgumentException on an argument out of range
   */
  public static SyntheticDataset generate(
      int stimuli, int features, int dims, double noiseLevel, long seed) {
    if (stimuli < 4) {
      throw new IllegalArgumentException("stimuli must be >= 4, found " + stimuli);
    }
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, found " + features);
    }
    if (dims < 1 || dims > stimuli) {
      throw new IllegalArgumentException(
          "dims must be in [1, stimuli] = [1, " + stimuli + "], found " + dims);
    }
    if (!Double.isFinite(noiseLevel) || noiseLevel < 0) {
      throw new IllegalArgumentException(
          "noise level must be finite and >= 0, found " + noiseLevel);
    }

    boolean[][] isB = drawBinaryFeatures(stimuli, features, SimRandom.derive(seed, STREAM_FEATURES));
    double[][] metric = RandomSpd.make(features, SimRandom.derive(seed, STREAM_METRIC));
    double[][] distances = metricDistances(isB, metric);
    double[][] coordinates = ClassicalMds.embed(distances, dims);

    float[] clean = new float[stimuli * dims];
    for (int i = 0; i < stimuli; i++) {
      for (int d = 0; d < dims; d++) {
        clean[i * dims + d] = (float) coordinates[i][d];
      }
    }
    float[] representations = NoiseInjection.addGaussian(
        clean, stimuli, dims, noiseLevel, SimRandom.derive(seed, STREAM_NOISE));

    List<String> ids = new ArrayList<>(stimuli);
    for (int i = 0; i < stimuli; i++) {
      ids.add("s" + i);
    }
    List<SyntheticColumn> columns = new ArrayList<>(features);
    for (int f = 0; f < features; f++) {
      String[] values = new String[stimuli];
      for (int i = 0; i < stimuli; i++) {
        values[i] = isB[i][f] ? "B" : "A";
      }
      columns.add(SyntheticColumn.ofCategories("f" + f, values));
    }
    String description = "SimulationStudy (MLEM paper section 2.5.1): n=" + stimuli + ", F="
        + features + " binary features A/B with p=0.5, W*=RandomSpd (SPD, unit Frobenius), "
        + "d_ij=sqrt(delta_ij^T W* delta_ij), classical MDS to " + dims + " dims, Gaussian noise "
        + "level " + noiseLevel + " x per-dimension std, seed " + seed;
    return new SyntheticDataset(ids, columns, representations, dims, metric, description);
  }

  private static boolean[][] drawBinaryFeatures(int stimuli, int features, long seed) {
    SimRandom random = new SimRandom(seed);
    boolean[][] isB = new boolean[stimuli][features];
    for (int i = 0; i < stimuli; i++) {
      for (int f = 0; f < features; f++) {
        isB[i][f] = random.next() < 0; // top bit: probability exactly 1/2
      }
    }
    return isB;
  }

  /** d_ij = sqrt(delta_ij^T W delta_ij) for every pair, delta the indicator differences. */
  private static double[][] metricDistances(boolean[][] isB, double[][] metric) {
    int n = isB.length;
    int features = metric.length;
    double[][] distances = new double[n][n];
    int[] differing = new int[features];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        int count = 0;
        for (int f = 0; f < features; f++) {
          if (isB[i][f] != isB[j][f]) {
            differing[count++] = f;
          }
        }
        double quadratic = 0;
        for (int a = 0; a < count; a++) {
          double[] row = metric[differing[a]];
          for (int b = 0; b < count; b++) {
            quadratic += row[differing[b]];
          }
        }
        double d = Math.sqrt(Math.max(quadratic, 0.0));
        distances[i][j] = d;
        distances[j][i] = d;
      }
    }
    return distances;
  }
}
