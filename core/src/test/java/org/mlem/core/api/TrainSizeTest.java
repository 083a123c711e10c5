package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.testing.SimulatedProblem;

/**
 * --train-size: the training stimuli of each split subsampled to N, the test stimuli the same
 * whatever N, deterministic by the seed; all (or N = every training stimulus) is the fit without
 * the option, bit for bit; and given splits replace the random ones.
 */
class TrainSizeTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(60, 3, 8, 0.3, 4);

  private static MlemConfig.Builder quick() {
    return MlemConfig.builder().seed(5).maxSteps(30).patience(10).permutations(2)
        .evaluationBatches(2).threads(1);
  }

  private static Set<Integer> set(int[] values) {
    Set<Integer> s = new HashSet<>();
    for (int v : values) {
      s.add(v);
    }
    return s;
  }

  @Test
  void testStimuliAreTheSameWhateverTheSizeAndTrainingHasNStimuli() {
    StimulusSplit full = Mlem.with(quick().build()).splits(60).get(0);
    assertEquals(48, full.train().length);
    for (int n : new int[] {4, 10, 30, 47}) {
      StimulusSplit sub = Mlem.with(quick().trainSize(n).build()).splits(60).get(0);
      assertArrayEquals(full.test(), sub.test(), "n " + n);
      assertEquals(n, sub.train().length);
      assertTrue(set(full.train()).containsAll(set(sub.train())), "a subset of the training");
      // deterministic: the same seed gives the same subsample
      assertEquals(sub, Mlem.with(quick().trainSize(n).build()).splits(60).get(0));
    }
    StimulusSplit a = Mlem.with(quick().trainSize(10).build()).splits(60).get(0);
    StimulusSplit b = Mlem.with(quick().seed(6).trainSize(10).build()).splits(60).get(0);
    assertFalse(Arrays.equals(a.train(), b.train()), "another seed draws another subsample");
  }

  @Test
  void foldsAreSubsampledEachWithItsOwnTestFold() {
    List<StimulusSplit> full = Mlem.with(quick().folds(3).build()).splits(60);
    List<StimulusSplit> sub = Mlem.with(quick().folds(3).trainSize(12).build()).splits(60);
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(full.get(k).test(), sub.get(k).test());
      assertEquals(12, sub.get(k).train().length);
      assertTrue(set(full.get(k).train()).containsAll(set(sub.get(k).train())));
    }
  }

  @Test
  void allAndTheFullCountAreTheFitWithoutTheOptionBitForBit() {
    MlemAnalysis plain = Mlem.with(quick().build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    MlemAnalysis all = Mlem.with(quick().trainSize(0).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    MlemAnalysis full = Mlem.with(quick().trainSize(48).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    for (MlemAnalysis other : List.of(all, full)) {
      assertArrayEquals(plain.folds().get(0).metric().coefficients(),
          other.folds().get(0).metric().coefficients());
      assertEquals(plain.spearman(), other.spearman());
      assertEquals(plain.importanceSummary(), other.importanceSummary());
    }
    MlemAnalysis small = Mlem.with(quick().trainSize(12).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    assertEquals(12, small.folds().get(0).trainStimuli());
    assertEquals(12, small.folds().get(0).testStimuli());
    assertFalse(Arrays.equals(plain.folds().get(0).metric().coefficients(),
        small.folds().get(0).metric().coefficients()));
    assertEquals("12", small.provenance().config().get("train-size"));
    assertEquals("all", plain.provenance().config().get("train-size"));
  }

  @Test
  void aSizeAboveTheTrainingStimuliOrBelowFourIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mlem.with(quick().trainSize(49).build()).splits(60));
    assertEquals("train-size 49 exceeds the 48 training stimuli of the split; give at most 48 "
        + "or all", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> quick().trainSize(3).build());
  }

  @Test
  void givenSplitsReplaceTheRandomOnes() {
    StimulusSplit given = new StimulusSplit(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        new int[] {50, 51, 52, 53});
    assertEquals(List.of(given), Mlem.with(quick().build()).withSplits(List.of(given))
        .splits(60));
    StimulusSplit sub = Mlem.with(quick().trainSize(5).build()).withSplits(List.of(given))
        .splits(60).get(0);
    assertArrayEquals(given.test(), sub.test());
    assertEquals(5, sub.train().length);
    MlemAnalysis a = Mlem.with(quick().build()).withSplits(List.of(given))
        .analyze(PROBLEM.features(), PROBLEM.distances());
    assertEquals(10, a.folds().get(0).trainStimuli());
    assertEquals(4, a.folds().get(0).testStimuli());
    assertThrows(IllegalArgumentException.class,
        () -> Mlem.with(quick().build()).withSplits(List.of(given)).splits(40));
  }
}
