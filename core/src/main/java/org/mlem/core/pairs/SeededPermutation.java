package org.mlem.core.pairs;

/**
 * Uniformly random permutations from a hash, by Fisher-Yates with {@link PositionalRandom}: the
 * swap partner of position i is drawn from {@code mix(hash, i)}, so the permutation is a pure
 * function of (size, hash). Used by permutation feature importance (docs/method.md section 5) and by
 * {@link Splits}.
 */
public final class SeededPermutation {
  private SeededPermutation() {}

  /**
   * A uniformly random permutation of 0..size-1.
   *
   * @param size the number of elements, &gt;= 0
   * @param hash the source of randomness, e.g. {@code PositionalRandom.mix(seed, unit, perm)}
   * @return a new array holding each of 0..size-1 exactly once
   * @throws IllegalArgumentException if size &lt; 0
   */
  public static int[] of(int size, long hash) {
    if (size < 0) {
      throw new IllegalArgumentException("permutation size must be >= 0, found " + size);
    }
    int[] permutation = new int[size];
    for (int i = 0; i < size; i++) {
      permutation[i] = i;
    }
    shuffle(permutation, hash);
    return permutation;
  }

  /**
   * Shuffles an array in place by Fisher-Yates, position i (from the end) swapping with a partner
   * drawn uniformly in [0, i] from {@code mix(hash, i)}.
   *
   * @param values the array to shuffle
   * @param hash the source of randomness
   */
  public static void shuffle(int[] values, long hash) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = (int) PositionalRandom.below(PositionalRandom.mix(hash, i), i + 1L);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
