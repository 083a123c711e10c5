package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.importance.ImportanceInterval;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.core.stats.FisherZ;
import org.mlem.core.testing.SimulatedProblem;

/** The public entry point: end to end, determinism, folds, ids and configuration errors. */
class MlemTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(160, 3, 12, 0.3, 5);

  private static MlemConfig.Builder quick() {
    return MlemConfig.builder().seed(11).maxSteps(40).patience(10).permutations(3)
        .evaluationBatches(2);
  }

  @Test
  void sameSeedGivesBitIdenticalResultsOnOneAndTwoThreads() {
    MlemAnalysis one = Mlem.with(quick().threads(1).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    MlemAnalysis two = Mlem.with(quick().threads(2).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    assertArrayEquals(one.folds().get(0).metric().coefficients(),
        two.folds().get(0).metric().coefficients());
    ImportanceResult a = one.folds().get(0).importance().orElseThrow();
    ImportanceResult b = two.folds().get(0).importance().orElseThrow();
    for (int k = 0; k < a.units().size(); k++) {
      assertArrayEquals(a.values(k), b.values(k));
    }
    assertEquals(one.spearman(), two.spearman());
  }

  @Test
  void analysisCarriesScoresImportancesAndProvenance() {
    MlemAnalysis a = Mlem.with(quick().importance(ImportanceKind.TERM).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    assertEquals(1, a.folds().size());
    FoldResult fold = a.folds().get(0);
    assertEquals(128, fold.trainStimuli());
    assertEquals(32, fold.testStimuli());
    // 3 features with interactions: 6 units, then 3 totals
    List<UnitSummary> summary = a.importanceSummary();
    assertEquals(9, summary.size());
    assertEquals("f0", summary.get(0).unit());
    assertEquals("total:f2", summary.get(8).unit());
    for (UnitSummary u : summary) {
      assertTrue(u.ciLow() <= u.mean() && u.mean() <= u.ciHigh());
    }
    assertEquals(fold.scores().spearman(), a.spearman(), 1e-12);
    Provenance p = a.provenance();
    assertEquals(160, p.stimuli());
    assertEquals(List.of("f0", "f1", "f2"), p.features());
    assertEquals("11", p.config().get("seed"));
    assertEquals("absolute:1.0", p.config().get("strength"));
    assertTrue(p.timings().containsKey("fit") && p.timings().containsKey("importance"));
    assertTrue(p.batchSizeEstimated());
  }

  @Test
  void crossValidationFitsEveryFoldAndAveragesWithFisherZ() {
    MlemAnalysis a = Mlem.with(quick().folds(4).permutations(2).build())
        .analyze(PROBLEM.features(), PROBLEM.distances());
    assertEquals(4, a.folds().size());
    int held = 0;
    double[] r = new double[4];
    for (int k = 0; k < 4; k++) {
      held += a.folds().get(k).testStimuli();
      r[k] = a.folds().get(k).scores().spearman();
    }
    assertEquals(160, held);
    assertEquals(FisherZ.average(r), a.spearman(), 1e-15);
    // importance across folds: t with K - 1 = 3 df over the 4 per-fold means
    double[] means = new double[4];
    for (int k = 0; k < 4; k++) {
      ImportanceResult imp = a.folds().get(k).importance().orElseThrow();
      means[k] = (imp.value(0, 0) + imp.value(0, 1)) / 2;
    }
    assertEquals(UnitSummary.of("f0", means), a.importanceSummary().get(0));
    assertEquals(ImportanceInterval.FOLDS, a.importanceInterval());
    double norm = 0;
    for (double[] row : a.weights()) {
      for (double v : row) {
        norm += v * v;
      }
    }
    assertEquals(1.0, norm, 1e-12);
  }

  @Test
  void representationsAreMatchedByIdNotByRowOrder() {
    SyntheticDataset ds = SimulationStudy.generate(60, 2, 6, 0.2, 3);
    FeatureTable table = SyntheticTables.features(ds);
    Representations reps = SyntheticTables.representations(ds);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      order.add(i);
    }
    Collections.reverse(order);
    List<String> ids = new ArrayList<>();
    float[] data = new float[reps.data().length];
    for (int r = 0; r < 60; r++) {
      ids.add(reps.ids().get(order.get(r)));
      System.arraycopy(reps.data(), order.get(r) * 6, data, r * 6, 6);
    }
    Representations reversed = Representations.of(ids, data, 6);
    MlemConfig config = quick().permutations(0).build();
    MlemAnalysis a = Mlem.with(config)
        .analyze(table, FeatureSchema.inferred(), reps, NeuralDistance.EUCLIDEAN);
    MlemAnalysis b = Mlem.with(config)
        .analyze(table, FeatureSchema.inferred(), reversed, NeuralDistance.EUCLIDEAN);
    assertArrayEquals(a.folds().get(0).metric().coefficients(),
        b.folds().get(0).metric().coefficients());
  }

  @Test
  void unmatchedIdsAreAnErrorWithExamples() {
    SyntheticDataset ds = SimulationStudy.generate(20, 2, 4, 0.2, 3);
    Representations reps = SyntheticTables.representations(ds);
    List<String> ids = new ArrayList<>(reps.ids());
    ids.set(4, "extra-1");
    Representations renamed = Representations.of(ids, reps.data(), 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mlem.with(quick().build()).analyze(SyntheticTables.features(ds),
            FeatureSchema.inferred(), renamed, NeuralDistance.EUCLIDEAN));
    assertEquals("the stimulus ids of the features and the representations differ: 1 of the 20"
        + " ids of the features is not in the representations (s4); 1 of the 20 ids of the"
        + " representations is not in the features (extra-1); ids are joined, not matched by"
        + " position: make both list the same stimuli, or set ids-from to features,"
        + " representations or both to analyse one side's ids or their intersection (the rest"
        + " is dropped and reported)", e.getMessage());
  }

  @Test
  void configurationErrorsNameTheSetting() {
    assertEquals("test-fraction must be in (0, 1), found 1.5",
        assertThrows(IllegalArgumentException.class,
            () -> MlemConfig.builder().testFraction(1.5).build()).getMessage());
    assertEquals("folds must be 0 (one train/test split) or >= 2, found 1",
        assertThrows(IllegalArgumentException.class,
            () -> MlemConfig.builder().folds(1).build()).getMessage());
    assertEquals("batch-size must be auto (0) or >= 4, found 1",
        assertThrows(IllegalArgumentException.class,
            () -> MlemConfig.builder().batchSize(1).build()).getMessage());
    assertEquals("threads must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class,
            () -> MlemConfig.builder().threads(0).build()).getMessage());
  }

  @Test
  void configRoundTripsThroughItsBuilder() {
    MlemConfig c = quick().folds(5).batchSize(1000).build();
    assertEquals(c, c.toBuilder().build());
    assertEquals("1000", c.toMap().get("batch-size"));
    assertEquals("auto", quick().build().toMap().get("batch-size"));
  }
}
