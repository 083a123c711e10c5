package org.mlem.core.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Importance intervals across folds, against hand-computed Student t intervals. The t
 * quantiles are from standard tables: t_{0.975, 2} = 4.3027, t_{0.975, 1} = 12.7062.
 */
class FoldImportanceTest {
  private static final double TOLERANCE = 1e-6;

  /** One fold's result: one unit "a" whose permutation values are given. */
  private static ImportanceResult fold(double... values) {
    List<PermutationRound> rounds = new ArrayList<>();
    for (int p = 0; p < values.length; p++) {
      rounds.add(new PermutationRound(p, 0.5, new double[] {values[p]}, new double[0]));
    }
    return new ImportanceResult(ImportanceKind.STIMULUS, List.of("a"), List.of("a"), rounds, 1,
        10);
  }

  @Test
  void threeFoldsGiveATIntervalWithTwoDegreesOfFreedomOverTheFoldMeans() {
    // fold means 0.1, 0.2, 0.3: mean 0.2, sample std 0.1,
    // half width 4.3027 * 0.1 / sqrt(3) = 0.2484165 (by hand)
    FoldImportance.Combined c = FoldImportance.combine(
        List.of(fold(0.05, 0.15), fold(0.2, 0.2), fold(0.25, 0.35)));
    assertEquals(ImportanceInterval.FOLDS, c.interval());
    UnitSummary u = c.units().get(0);
    assertEquals(0.2, u.mean(), TOLERANCE);
    assertEquals(0.1, u.std(), TOLERANCE);
    assertEquals(0.2 - 0.2484165, u.ciLow(), TOLERANCE);
    assertEquals(0.2 + 0.2484165, u.ciHigh(), TOLERANCE);
  }

  @Test
  void oneSplitGivesAPermutationNoiseIntervalOverItsPermutations() {
    // values 0.1, 0.3: mean 0.2, std sqrt(0.02), half 12.7062 * sqrt(0.02) / sqrt(2) = 1.27062
    FoldImportance.Combined c = FoldImportance.combine(List.of(fold(0.1, 0.3)));
    assertEquals(ImportanceInterval.PERMUTATION_NOISE, c.interval());
    assertTrue(c.interval().label().contains("permutation noise only"));
    UnitSummary u = c.units().get(0);
    assertEquals(0.2, u.mean(), TOLERANCE);
    assertEquals(0.2 - 1.27062, u.ciLow(), TOLERANCE);
    assertEquals(0.2 + 1.27062, u.ciHigh(), TOLERANCE);
  }

  @Test
  void undefinedValuesAreLeftOut() {
    // fold 2's mean is over its finite value only (0.3); fold 3 has none and is dropped:
    // means 0.1, 0.3 -> mean 0.2, std sqrt(0.02), half 1.27062
    FoldImportance.Combined c = FoldImportance.combine(
        List.of(fold(0.1, 0.1), fold(Double.NaN, 0.3), fold(Double.NaN, Double.NaN)));
    UnitSummary u = c.units().get(0);
    assertEquals(0.2, u.mean(), TOLERANCE);
    assertEquals(0.2 + 1.27062, u.ciHigh(), TOLERANCE);
    assertTrue(Double.isNaN(FoldImportance.combine(List.of(fold(Double.NaN, Double.NaN)))
        .units().get(0).mean()));
  }
}
