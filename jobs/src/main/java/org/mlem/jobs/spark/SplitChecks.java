package org.mlem.jobs.spark;

import org.mlem.core.pairs.StimulusSplit;

/** Checks shared by the pair-source factories before they open a source for a split. */
final class SplitChecks {
  private SplitChecks() {}

  /**
   * Fails unless every training and held-out index of the split lies in [0, stimuli).
   *
   * @throws IllegalArgumentException naming the first index out of range
   */
  static void requireInRange(StimulusSplit split, int stimuli) {
    requireInRange("train", split.train(), stimuli);
    requireInRange("test", split.test(), stimuli);
  }

  private static void requireInRange(String name, int[] indices, int stimuli) {
    for (int index : indices) {
      if (index < 0 || index >= stimuli) {
        throw new IllegalArgumentException("the split's " + name + " stimuli include index "
            + index + " but the features hold " + stimuli + " stimuli (indices 0-"
            + (stimuli - 1) + "); build the split for the same stimuli");
      }
    }
  }
}
