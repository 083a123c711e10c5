package org.mlem.core.pairs;

import java.util.Arrays;
import java.util.Objects;

/**
 * A batch of unordered stimulus pairs as two parallel arrays of global stimulus indices: pair r is
 * {@code (first[r], second[r])}. The arrays are not copied (this is a per-step hot path): callers
 * must not modify them after construction. Equality compares the contents.
 *
 * @param first the first stimulus of each pair
 * @param second the second stimulus of each pair, same length as {@code first}
 */
public record PairIndices(int[] first, int[] second) {
  /**
   * Validates the arrays.
   *
   * @throws IllegalArgumentException if an array is null or the lengths differ
   */
  public PairIndices {
    if (first == null || second == null) {
      throw new IllegalArgumentException("pair indices: first and second must not be null");
    }
    if (first.length != second.length) {
      throw new IllegalArgumentException(
          "pair indices: first and second must have the same length, found "
              + first.length
              + " and "
              + second.length);
    }
  }

  /**
   * The number of pairs.
   *
   * @return the length of both arrays
   */
  public int size() {
    return first.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PairIndices that
        && Arrays.equals(first, that.first)
        && Arrays.equals(second, that.second);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(first), Arrays.hashCode(second));
  }

  @Override
  public String toString() {
    return "PairIndices[size=" + first.length + "]";
  }
}
