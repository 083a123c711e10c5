package org.mlem.core.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {
  @Test
  void trainTestPartitionsSortedAndDeterministic() {
    StimulusSplit split = Splits.trainTest(101, 0.2, 5);
    assertEquals(20, split.test().length);
    assertEquals(81, split.train().length);
    boolean[] seen = new boolean[101];
    for (int[] side : new int[][] {split.train(), split.test()}) {
      for (int i = 0; i < side.length; i++) {
        assertTrue(!seen[side[i]], "stimulus " + side[i] + " twice");
        seen[side[i]] = true;
        if (i > 0) {
          assertTrue(side[i] > side[i - 1]);
        }
      }
    }
    assertEquals(split, Splits.trainTest(101, 0.2, 5));
    assertNotEquals(split, Splits.trainTest(101, 0.2, 6));
  }

  @Test
  void trainTestRejectsTinySidesAndBadFractions() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(5, 0.2, 1));
    assertEquals(
        "train/test split of n = 5 stimuli with test fraction 0.2 gives 1 test and 4 training"
            + " stimuli; each side needs at least 2",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(10, 0.9, 1));
    assertEquals("test fraction must be in (0, 1), found 1.0",
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(10, 1.0, 1))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(10, Double.NaN, 1));
  }

  @Test
  void kFoldCoversEachStimulusOnceWithBalancedFolds() {
    int n = 23;
    List<StimulusSplit> folds = Splits.kFold(n, 5, 3);
    assertEquals(5, folds.size());
    int[] inTest = new int[n];
    for (StimulusSplit fold : folds) {
      int size = fold.test().length;
      assertTrue(size == 4 || size == 5, "fold size " + size);
      assertEquals(n, fold.train().length + size);
      for (int s : fold.test()) {
        inTest[s]++;
      }
      for (int s : fold.train()) {
        for (int t : fold.test()) {
          assertNotEquals(s, t);
        }
      }
    }
    for (int count : inTest) {
      assertEquals(1, count);
    }
    assertEquals(folds, Splits.kFold(n, 5, 3));
  }

  @Test
  void kFoldRejectsBadFoldCounts() {
    assertEquals("folds must be in [2, n / 2] = [2, 5] for n = 11, found 6",
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(11, 6, 1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Splits.kFold(11, 1, 1));
  }

  @Test
  void allUsesEveryStimulusOnBothSides() {
    StimulusSplit split = Splits.all(4);
    assertArrayEquals(new int[] {0, 1, 2, 3}, split.train());
    assertArrayEquals(new int[] {0, 1, 2, 3}, split.test());
    assertThrows(IllegalArgumentException.class, () -> Splits.all(1));
  }

  @Test
  void stimulusSplitRejectsUnsortedIndices() {
    assertEquals(
        "stimulus split: test must be strictly increasing, found 3 then 2 at position 1",
        assertThrows(IllegalArgumentException.class,
            () -> new StimulusSplit(new int[] {0, 1}, new int[] {3, 2})).getMessage());
  }
}
