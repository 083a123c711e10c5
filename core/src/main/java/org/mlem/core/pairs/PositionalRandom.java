package org.mlem.core.pairs;

/**
 * Randomness derived only from a seed plus a position, never from a mutable generator.
 *
 * <p>{@link #mix(long, long...)} is a stateless hash in the style of SplitMix64 (Steele, Lea and
 * Flood 2014, "Fast splittable pseudorandom number generators"): the seed and every position
 * component are absorbed one after the other, each followed by the 64-bit finalizer
 * ("variant 13" of Stafford's mix functions, the one SplitMix64 uses), which has full avalanche:
 * flipping any input bit flips each output bit with probability close to 1/2. Each absorption step
 * is a bijection of the running state, so for a fixed prefix distinct positions always give
 * distinct hashes. The helpers turn one hash into a uniform double, a bounded integer or a
 * standard normal draw. The same (seed, position) gives the same value on any thread or machine,
 * which is what docs/method.md section 6 requires.
 */
public final class PositionalRandom {
  /** The golden-ratio increment of SplitMix64 (odd, so adding it is a bijection). */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  /** Salts giving the two independent uniforms of {@link #gaussian(long)}. */
  private static final long GAUSSIAN_SALT_1 = 0x632BE59BD9B4E019L;
  private static final long GAUSSIAN_SALT_2 = 0x85157AF5E3A6B3C1L;
  private static final double TWO_PI = 2.0 * Math.PI;

  private PositionalRandom() {}

  /**
   * The SplitMix64 finalizer: a bijective 64-bit mixing function with good avalanche.
   *
   * @param z any 64-bit value
   * @return the mixed value
   */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long absorb(long state, long component) {
    return mix64((state ^ component) + GOLDEN_GAMMA);
  }

  private static long start(long seed) {
    return mix64(seed + GOLDEN_GAMMA);
  }

  /**
   * Stateless hash of a seed and a position of any length (e.g. step, batch index, pair index).
   * Allocation-free overloads exist for positions of one to three components; they give the same
   * values as this method.
   *
   * @param seed the run seed, any value
   * @param position the position components, in order (the order matters)
   * @return a 64-bit hash with good avalanche; feed it to {@link #uniform}, {@link #below} or
   *     {@link #gaussian}
   */
  public static long mix(long seed, long... position) {
    long h = start(seed);
    for (long p : position) {
      h = absorb(h, p);
    }
    return h;
  }

  /**
   * {@link #mix(long, long...)} for a one-component position, without allocation.
   *
   * @param seed the run seed
   * @param a the position
   * @return the hash
   */
  public static long mix(long seed, long a) {
    return absorb(start(seed), a);
  }

  /**
   * {@link #mix(long, long...)} for a two-component position, without allocation.
   *
   * @param seed the run seed
   * @param a first position component
   * @param b second position component
   * @return the hash
   */
  public static long mix(long seed, long a, long b) {
    return absorb(absorb(start(seed), a), b);
  }

  /**
   * {@link #mix(long, long...)} for a three-component position, without allocation.
   *
   * @param seed the run seed
   * @param a first position component
   * @param b second position component
   * @param c third position component
   * @return the hash
   */
  public static long mix(long seed, long a, long b, long c) {
    return absorb(absorb(absorb(start(seed), a), b), c);
  }

  /**
   * A uniform double in [0, 1) from the 53 high bits of a hash.
   *
   * @param hash a value from {@link #mix}
   * @return a multiple of 2^-53 in [0, 1)
   */
  public static double uniform(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /**
   * A uniform integer in [0, bound), unbiased, by Lemire's multiply-and-reject method ("Fast
   * random integer generation in an interval", 2019); on the rare rejection the hash is rehashed,
   * so the result is still a pure function of {@code hash}.
   *
   * @param hash a value from {@link #mix}
   * @param bound the exclusive upper bound, in [1, 2^63 - 1]
   * @return a value in [0, bound)
   * @throws IllegalArgumentException if bound &lt; 1
   */
  public static long below(long hash, long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be >= 1, found " + bound);
    }
    long x = hash;
    long low = x * bound;
    if (Long.compareUnsigned(low, bound) < 0) {
      long threshold = Long.remainderUnsigned(-bound, bound);
      while (Long.compareUnsigned(low, threshold) < 0) {
        x = mix64(x + GOLDEN_GAMMA);
        low = x * bound;
      }
    }
    return unsignedMultiplyHigh(x, bound);
  }

  /** High 64 bits of the unsigned 128-bit product of x and a non-negative y. */
  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y);
  }

  /**
   * A standard normal draw from a hash, by Box-Muller on two uniforms derived from it.
   *
   * @param hash a value from {@link #mix}
   * @return a finite N(0, 1) sample
   */
  public static double gaussian(long hash) {
    double u1 = uniform(mix64(hash ^ GAUSSIAN_SALT_1));
    double u2 = uniform(mix64(hash ^ GAUSSIAN_SALT_2));
    // 1 - u1 is in (0, 1], so the logarithm is finite.
    return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(TWO_PI * u2);
  }
}
