package org.mlem.core.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Summaries: mean, sample std and the Student-t 95% interval. */
class UnitSummaryTest {
  @Test
  void summarizesWithStudentInterval() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    UnitSummary s = UnitSummary.of("u", v);
    assertEquals(5.5, s.mean(), 1e-12);
    assertEquals(3.0276503540974917, s.std(), 1e-12); // numpy.std(v, ddof=1)
    double half = 2.2622 * s.std() / Math.sqrt(10); // t(0.975, 9) = 2.2622 (tables)
    assertEquals(5.5 - half, s.ciLow(), 1e-12);
    assertEquals(5.5 + half, s.ciHigh(), 1e-12);
  }

  @Test
  void oneValueHasAZeroWidthInterval() {
    UnitSummary s = UnitSummary.of("u", new double[] {0.25});
    assertEquals(0.25, s.ciLow());
    assertEquals(0.25, s.ciHigh());
    assertEquals(0.0, s.std());
  }

  @Test
  void studentQuantilesMatchTables() {
    assertEquals(12.7062, StudentT.quantile975(1));
    assertEquals(2.0423, StudentT.quantile975(30));
    assertEquals(2.0211, StudentT.quantile975(40), 1e-4); // scipy.stats.t.ppf(0.975, 40)
    assertEquals(1.9840, StudentT.quantile975(100), 1e-4); // scipy.stats.t.ppf(0.975, 100)
  }
}
