package org.mlem.core.sim;

/**
 * A small, explicitly seeded SplitMix64 generator (Steele, Lea and Flood 2014, the generator
 * behind {@link java.util.SplittableRandom}), with uniform, integer and Gaussian draws.
 *
 * <p>Every generator in this package is built from an explicit seed, usually derived from the
 * caller's seed and a stream number with {@link #derive(long, long)}, so the same seed gives the
 * same dataset bit for bit on every JVM: only integer arithmetic, {@link Math#log} and
 * {@link Math#sqrt} are involved, and {@code StrictMath} is used for the logarithm so the result
 * does not depend on platform intrinsics. Not thread-safe: one instance per stream.
 */
final class SimRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  /** A generator whose whole output is determined by {@code seed}. */
  SimRandom(long seed) {
    this.state = seed;
  }

  /**
   * A seed for stream {@code stream} of the run seeded by {@code seed}: different streams give
   * statistically independent generators, and the result depends only on the two numbers.
   */
  static long derive(long seed, long stream) {
    return mix64(mix64(seed + GOLDEN_GAMMA) ^ mix64(stream * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
  }

  /** The next 64 random bits. */
  long next() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  double uniform() {
    return (next() >>> 11) * DOUBLE_UNIT;
  }

  /** A uniform integer in [0, bound); bound must be >= 1. Unbiased (rejection sampling). */
  int below(int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be >= 1, found " + bound);
    }
    long b = bound;
    long limit = Long.remainderUnsigned(-b, b); // 2^64 mod b: reject the low values below it
    while (true) {
      long r = next();
      if (Long.compareUnsigned(r, limit) >= 0) {
        return (int) Long.remainderUnsigned(r, b);
      }
    }
  }

  /** A standard normal draw (Marsaglia's polar method; the second value of a pair is cached). */
  double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double factor = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
    spareGaussian = v * factor;
    hasSpare = true;
    return u * factor;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
