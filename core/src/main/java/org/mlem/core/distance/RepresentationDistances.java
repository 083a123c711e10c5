package org.mlem.core.distance;

import java.util.Objects;

/**
 * Neural distances computed on demand from {@link Representations} with a {@link NeuralDistance}
 * (docs/method.md section 3).
 *
 * <p>This is the hottest code of the project (batches of ~20,000 pairs of 768-dimensional rows per
 * step): each pair reads its two float rows once, in a single pass. Euclidean and squared
 * Euclidean use {@link FloatKernels}' float kernel (SIMD where the Vector API module is present,
 * an exact scalar emulation otherwise); cosine, whose 1 - cos cancels, uses its double kernel
 * {@link FloatKernels#dotDouble}; manhattan and correlation (centred by the row means, in double)
 * accumulate in double with four independent accumulators. Every procedure has a fixed order, so a distance is bit-for-bit the
 * same whatever thread or machine computes it. Row norms (cosine,
 * norm_diff) and row means and centred norms (correlation) are precomputed once at construction,
 * where zero-norm rows (cosine) or constant rows (correlation) are rejected naming the stimulus.
 */
public final class RepresentationDistances implements PairDistances {
  private static final long serialVersionUID = 1L;

  private final Representations reps;
  private final NeuralDistance metric;
  /** Euclidean norms of the rows (cosine, norm_diff), else null. */
  private final double[] norms;
  /** Means of the rows (correlation), else null. */
  private final double[] means;

  /**
   * Prepares the distances.
   *
   * @param reps the representations, n &gt;= 2
   * @param metric the metric
   * @throws IllegalArgumentException if n &lt; 2, or a row has zero norm under cosine or is
   *     constant under correlation (naming the stimulus id)
   */
  public RepresentationDistances(Representations reps, NeuralDistance metric) {
    this.reps = Objects.requireNonNull(reps, "reps");
    this.metric = Objects.requireNonNull(metric, "metric");
    if (reps.size() < 2) {
      throw new IllegalArgumentException(
          "representation distances need at least 2 stimuli, found " + reps.size());
    }
    int n = reps.size();
    int dims = reps.dims();
    float[] data = reps.data();
    switch (metric) {
      case COSINE, NORM_DIFF -> {
        norms = new double[n];
        means = null;
        for (int i = 0; i < n; i++) {
          norms[i] = RowStatistics.norm(data, i * dims, dims);
          if (metric == NeuralDistance.COSINE && norms[i] == 0.0) {
            throw new IllegalArgumentException(metric.rejectionMessage(reps.ids().get(i), i));
          }
        }
      }
      case CORRELATION -> {
        norms = new double[n];
        means = new double[n];
        for (int i = 0; i < n; i++) {
          int base = i * dims;
          means[i] = RowStatistics.mean(data, base, dims);
          norms[i] = RowStatistics.centredNorm(data, base, means[i], dims);
          if (!(norms[i] > 0.0)) {
            throw new IllegalArgumentException(metric.rejectionMessage(reps.ids().get(i), i));
          }
        }
      }
      default -> {
        norms = null;
        means = null;
      }
    }
  }

  /**
   * The metric.
   *
   * @return the metric given at construction
   */
  public NeuralDistance metric() {
    return metric;
  }

  /**
   * The representations.
   *
   * @return the representations given at construction
   */
  public Representations representations() {
    return reps;
  }

  @Override
  public int size() {
    return reps.size();
  }

  @Override
  public double distance(int i, int j) {
    float[] data = reps.data();
    int dims = reps.dims();
    int a = i * dims;
    int b = j * dims;
    return switch (metric) {
      case EUCLIDEAN -> Math.sqrt(FloatKernels.squaredDifference(data, a, b, dims));
      case SQEUCLIDEAN -> FloatKernels.squaredDifference(data, a, b, dims);
      case MANHATTAN -> absoluteDifference(data, a, b, dims);
      case COSINE ->
          clamp(1.0 - FloatKernels.dotDouble(data, a, data, b, dims) / (norms[i] * norms[j]));
      case CORRELATION ->
          clamp(1.0 - centredDot(data, a, means[i], b, means[j], dims) / (norms[i] * norms[j]));
      case NORM_DIFF -> Math.abs(norms[i] - norms[j]);
    };
  }

  /** Euclidean and squared Euclidean distances four pairs at a time, the same values. */
  @Override
  public void distancesAt(int[] first, int[] second, int[] positions, int count, double[] out,
      int outOffset) {
    if (metric != NeuralDistance.EUCLIDEAN && metric != NeuralDistance.SQEUCLIDEAN) {
      PairDistances.super.distancesAt(first, second, positions, count, out, outOffset);
      return;
    }
    boolean root = metric == NeuralDistance.EUCLIDEAN;
    float[] data = reps.data();
    int dims = reps.dims();
    double[] four = new double[4];
    int q = 0;
    for (; q + 4 <= count; q += 4) {
      int k0 = positions[q];
      int k1 = positions[q + 1];
      int k2 = positions[q + 2];
      int k3 = positions[q + 3];
      FloatKernels.squaredDifference4(data, first[k0] * dims, second[k0] * dims,
          first[k1] * dims, second[k1] * dims, first[k2] * dims, second[k2] * dims,
          first[k3] * dims, second[k3] * dims, dims, four);
      out[k0 - outOffset] = root ? Math.sqrt(four[0]) : four[0];
      out[k1 - outOffset] = root ? Math.sqrt(four[1]) : four[1];
      out[k2 - outOffset] = root ? Math.sqrt(four[2]) : four[2];
      out[k3 - outOffset] = root ? Math.sqrt(four[3]) : four[3];
    }
    for (; q < count; q++) {
      int k = positions[q];
      out[k - outOffset] = distance(first[k], second[k]);
    }
  }

  /** 1 - cos and 1 - r lie in [0, 2]; rounding may step just outside. */
  private static double clamp(double v) {
    return v < 0.0 ? 0.0 : (v > 2.0 ? 2.0 : v);
  }

  private static double absoluteDifference(float[] x, int a, int b, int dims) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int c = 0;
    int end4 = dims - 3;
    for (; c < end4; c += 4) {
      s0 += Math.abs((double) x[a + c] - x[b + c]);
      s1 += Math.abs((double) x[a + c + 1] - x[b + c + 1]);
      s2 += Math.abs((double) x[a + c + 2] - x[b + c + 2]);
      s3 += Math.abs((double) x[a + c + 3] - x[b + c + 3]);
    }
    for (; c < dims; c++) {
      s0 += Math.abs((double) x[a + c] - x[b + c]);
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double centredDot(float[] x, int a, double ma, int b, double mb, int dims) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int c = 0;
    int end4 = dims - 3;
    for (; c < end4; c += 4) {
      s0 += (x[a + c] - ma) * (x[b + c] - mb);
      s1 += (x[a + c + 1] - ma) * (x[b + c + 1] - mb);
      s2 += (x[a + c + 2] - ma) * (x[b + c + 2] - mb);
      s3 += (x[a + c + 3] - ma) * (x[b + c + 3] - mb);
    }
    for (; c < dims; c++) {
      s0 += (x[a + c] - ma) * (x[b + c] - mb);
    }
    return (s0 + s1) + (s2 + s3);
  }
}
