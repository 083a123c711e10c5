package org.mlem.core.distance;

import java.io.Serializable;

/**
 * Neural distances d_ij between stimuli, by global stimulus index (the targets of MLEM,
 * docs/method.md section 3). Implementations are immutable, thread-safe, deterministic and
 * {@link Serializable} (the Spark module broadcasts them).
 */
public interface PairDistances extends Serializable {
  /**
   * The number of stimuli n.
   *
   * @return n &gt;= 2
   */
  int size();

  /**
   * The distance between two stimuli.
   *
   * @param i a stimulus index in [0, n)
   * @param j a stimulus index in [0, n)
   * @return d_ij &gt;= 0, symmetric; 0 when i == j (up to rounding for cosine and correlation)
   */
  double distance(int i, int j);

  /**
   * The distances of a range of pairs: {@code out[r] = distance(first[from + r], second[from + r])}
   * for r in [0, to - from).
   *
   * @param first first stimulus of each pair
   * @param second second stimulus of each pair
   * @param from first pair, inclusive
   * @param to last pair, exclusive
   * @param out receives to - from distances from index 0
   */
  default void distances(int[] first, int[] second, int from, int to, double[] out) {
    for (int p = from; p < to; p++) {
      out[p - from] = distance(first[p], second[p]);
    }
  }

  /**
   * The distances of the pairs at some positions, in any order the implementation likes:
   * {@code out[k - outOffset] = distance(first[k], second[k])} for each k among
   * {@code positions[0 .. count)}. Equal to calling {@link #distance} for each; implementations
   * may compute several pairs at once (the representation distances do: four rows at a time).
   *
   * @param first first stimulus of each pair
   * @param second second stimulus of each pair
   * @param positions the pairs to compute
   * @param count how many of {@code positions} to use
   * @param out receives the distances
   * @param outOffset subtracted from a position to index {@code out}
   */
  default void distancesAt(int[] first, int[] second, int[] positions, int count, double[] out,
      int outOffset) {
    for (int q = 0; q < count; q++) {
      int k = positions[q];
      out[k - outOffset] = distance(first[k], second[k]);
    }
  }
}
