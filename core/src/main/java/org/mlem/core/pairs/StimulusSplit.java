package org.mlem.core.pairs;

import java.util.Arrays;
import java.util.Objects;

/**
 * A split of stimuli into training and held-out test stimuli, as sorted global indices. Created by
 * {@link Splits}; arrays are not copied, callers must not modify them. Equality compares contents.
 *
 * @param train sorted global indices of the training stimuli
 * @param test sorted global indices of the test stimuli
 */
public record StimulusSplit(int[] train, int[] test) {
  /**
   * Validates the arrays.
   *
   * @throws IllegalArgumentException if an array is null or not strictly increasing
   */
  public StimulusSplit {
    requireSorted("train", train);
    requireSorted("test", test);
  }

  private static void requireSorted(String name, int[] values) {
    if (values == null) {
      throw new IllegalArgumentException("stimulus split: " + name + " must not be null");
    }
    for (int i = 1; i < values.length; i++) {
      if (values[i] <= values[i - 1]) {
        throw new IllegalArgumentException(
            "stimulus split: "
                + name
                + " must be strictly increasing, found "
                + values[i - 1]
                + " then "
                + values[i]
                + " at position "
                + i);
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StimulusSplit that
        && Arrays.equals(train, that.train)
        && Arrays.equals(test, that.test);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(train), Arrays.hashCode(test));
  }

  @Override
  public String toString() {
    return "StimulusSplit[train=" + train.length + " stimuli, test=" + test.length + " stimuli]";
  }
}
