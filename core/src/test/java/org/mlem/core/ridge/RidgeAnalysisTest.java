package org.mlem.core.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.metric.Model;
import org.mlem.core.testing.SimulatedProblem;

/**
 * FR-RSA ridge through the public entry point: each fold records its fit, the held-out score is
 * that of the fold's predictions, importances have one unit per feature (and per product), the
 * analysis is the same on one and two threads, and term-level importance is refused.
 */
class RidgeAnalysisTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(120, 3, 12, 0.3, 5);

  private static MlemConfig.Builder quick(Model model) {
    return MlemConfig.builder().seed(5).model(model).interactions(model.defaultInteractions())
        .permutations(3).evaluationBatches(2);
  }

  @Test
  void everyFoldRecordsItsRidgeFitAndScoresWell() {
    MlemAnalysis a = Mlem.with(quick(Model.FRRSA_RIDGE).folds(3).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    assertEquals(3, a.folds().size());
    for (FoldResult fold : a.folds()) {
      RidgeFit fit = fold.ridge().orElseThrow();
      assertEquals(Model.FRRSA_RIDGE, fold.metric().model());
      assertArrayEquals(fit.solution().beta(), fold.metric().coefficients());
      assertEquals(0, fold.metric().steps());
      // 80 training stimuli: all 3160 training pairs
      assertEquals(80 * 79 / 2, fit.pairs());
      assertTrue(fold.scores().spearman() > 0.5, "held-out " + fold.scores().spearman());
      assertEquals(3, fold.importance().orElseThrow().units().size());
    }
  }

  @Test
  void withInteractionsTheSameOnOneAndTwoThreads() {
    MlemAnalysis one = Mlem.with(quick(Model.FRRSA_RIDGE_I).threads(1).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    MlemAnalysis two = Mlem.with(quick(Model.FRRSA_RIDGE_I).threads(2).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    assertArrayEquals(one.folds().get(0).metric().coefficients(),
        two.folds().get(0).metric().coefficients());
    ImportanceResult a = one.folds().get(0).importance().orElseThrow();
    ImportanceResult b = two.folds().get(0).importance().orElseThrow();
    assertEquals(6, a.units().size());
    for (int k = 0; k < a.units().size(); k++) {
      assertArrayEquals(a.values(k), b.values(k));
    }
    assertEquals(one.spearman(), two.spearman());
  }

  @Test
  void termLevelImportanceIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mlem.with(quick(Model.FRRSA_RIDGE).importance(ImportanceKind.TERM).build())
            .analyze(PROBLEM.features(), PROBLEM.distances()));
    assertTrue(e.getMessage().contains("stimulus-level"), e.getMessage());
  }
}
