package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mlem.core.api.FoldResult;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.train.PairBatch;

/** Bit-for-bit comparisons of analyses and batches (no tolerance anywhere). */
final class AnalysisAssertions {
  private AnalysisAssertions() {}

  /** Same pairs' distances, bit for bit. */
  static void assertSameBatch(PairBatch expected, PairBatch actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": size");
    assertEquals(expected.featureCount(), actual.featureCount(), what + ": feature count");
    assertArrayEquals(expected.delta(), actual.delta(), what + ": delta");
    assertArrayEquals(expected.neural(), actual.neural(), what + ": neural");
  }

  /** Same W, history, stopping point, scores and importances in every fold, bit for bit. */
  static void assertSameAnalysis(MlemAnalysis expected, MlemAnalysis actual) {
    assertEquals(expected.folds().size(), actual.folds().size(), "folds");
    for (int k = 0; k < expected.folds().size(); k++) {
      FoldResult e = expected.folds().get(k);
      FoldResult a = actual.folds().get(k);
      String fold = "fold " + k + ": ";
      assertArrayEquals(e.metric().coefficients(), a.metric().coefficients(),
          fold + "W coefficients");
      assertArrayEquals(e.metric().history().scores(), a.metric().history().scores(),
          fold + "training history");
      assertEquals(e.metric().bestStep(), a.metric().bestStep(), fold + "best step");
      assertEquals(e.metric().bestScore(), a.metric().bestScore(), fold + "best score");
      assertEquals(e.scores().spearman(), a.scores().spearman(), fold + "held-out spearman");
      assertEquals(e.scores().rhoA(), a.scores().rhoA(), fold + "held-out rho_a");
      assertEquals(e.scores().tauA(), a.scores().tauA(), fold + "held-out tau_a");
      assertEquals(e.importance().isPresent(), a.importance().isPresent(), fold + "importance");
      if (e.importance().isPresent()) {
        assertSameImportance(e.importance().get(), a.importance().get(), fold);
      }
    }
  }

  private static void assertSameImportance(ImportanceResult e, ImportanceResult a, String fold) {
    assertEquals(e.kind(), a.kind(), fold + "importance kind");
    assertEquals(e.units(), a.units(), fold + "importance units");
    assertEquals(e.permutations(), a.permutations(), fold + "permutations");
    assertTrue(e.permutations() > 0, fold + "no permutations to compare");
    assertArrayEquals(e.baselines(), a.baselines(), fold + "baselines");
    for (int u = 0; u < e.units().size(); u++) {
      for (int p = 0; p < e.permutations(); p++) {
        assertEquals(e.value(u, p), a.value(u, p),
            fold + "importance of unit " + e.units().get(u) + ", permutation " + p);
      }
    }
    assertEquals(e.hasTotals(), a.hasTotals(), fold + "totals");
    if (e.hasTotals()) {
      for (int f = 0; f < e.features().size(); f++) {
        for (int p = 0; p < e.permutations(); p++) {
          assertEquals(e.total(f, p), a.total(f, p),
              fold + "total importance of " + e.features().get(f) + ", permutation " + p);
        }
      }
    }
  }
}
