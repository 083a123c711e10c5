package org.mlem.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.AdamWConfig;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.testing.SimulatedProblem;

/** The training loop: determinism, early stopping, progress and errors. */
class TrainerTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(200, 4, 16, 0.3, 21);
  private static final StimulusSplit SPLIT = Splits.trainTest(200, 0.2, 5);

  private static TrainedMetric fit(TrainingConfig config, int threads, int batchSize) {
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, config.seed(), threads)) {
      return new Trainer(config).fit(source, batchSize, PROBLEM.features().names(),
          TrainingProgress.NONE);
    }
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsOnOneAndTwoThreads() {
    TrainingConfig config = TrainingConfig.defaults(7).withStopping(20, 60);
    TrainedMetric one = fit(config, 1, 3000);
    TrainedMetric two = fit(config, 2, 3000);
    assertArrayEquals(one.coefficients(), two.coefficients());
    assertArrayEquals(one.history().scores(), two.history().scores());
    assertEquals(one.bestStep(), two.bestStep());
  }

  @Test
  void splittingEachStepOverThreadsChangesNoBit() {
    // batches above the size at which a step is split (2^14 pairs), with and without interactions
    SimulatedProblem big = SimulatedProblem.generate(400, 4, 16, 0.3, 22);
    StimulusSplit split = Splits.trainTest(400, 0.2, 6);
    for (boolean interactions : new boolean[] {false, true}) {
      TrainingConfig config = TrainingConfig.defaults(9).withStopping(5, 12)
          .withModel(org.mlem.core.metric.Model.MLEM, interactions)
          .withStoppingSignal(StoppingSignal.VALIDATION);
      TrainedMetric[] fits = new TrainedMetric[2];
      for (int threads = 1; threads <= 2; threads++) {
        try (LocalPairSource source =
            new LocalPairSource(big.features(), big.distances(), split, 9, 1)) {
          fits[threads - 1] = new Trainer(config, threads).fit(source, 20_000,
              big.features().names(), TrainingProgress.NONE);
        }
      }
      assertArrayEquals(fits[0].coefficients(), fits[1].coefficients());
      assertArrayEquals(fits[0].history().scores(), fits[1].history().scores());
      assertArrayEquals(fits[0].history().validationScores(),
          fits[1].history().validationScores());
      assertTrue(fits[0].steps() > 1, "the test needs several steps");
    }
    assertThrows(IllegalArgumentException.class,
        () -> new Trainer(TrainingConfig.defaults(1), 0));
  }

  @Test
  void differentSeedsGiveDifferentRuns() {
    TrainingConfig config = TrainingConfig.defaults(7).withStopping(20, 30);
    TrainedMetric a = fit(config, 2, 2000);
    TrainedMetric b = fit(config.withSeed(8), 2, 2000);
    assertNotEquals(a.history().score(0), b.history().score(0));
  }

  @Test
  void keepsTheBestStepAndStopsAfterPatience() {
    for (StoppingSignal signal : StoppingSignal.values()) {
      TrainingConfig config =
          TrainingConfig.defaults(3).withStopping(5, 400).withStoppingSignal(signal);
      TrainedMetric m = fit(config, 2, 1500);
      double[] watched = signal == StoppingSignal.VALIDATION
          ? m.history().validationScores()
          : m.history().scores();
      assertEquals(m.steps(), watched.length, signal + ": one watched score per step");
      int argmax = 0;
      for (int k = 1; k < watched.length; k++) {
        if (watched[k] > watched[argmax]) {
          argmax = k;
        }
      }
      assertEquals(argmax, m.bestStep(), signal.toString());
      assertEquals(watched[argmax], m.bestScore(), signal.toString());
      if (m.stoppedEarly()) {
        assertEquals(m.bestStep() + 5 + 1, m.steps(), "stops exactly patience steps after the best");
      } else {
        assertEquals(400, m.steps());
      }
      assertTrue(m.bestScore() > watched[0], signal + ": training improves on the start");
    }
  }

  @Test
  void theValidationBatchIsTheSameAtEveryStep() {
    // A constant metric scores the same on a fixed batch at every step: with lr 0 the
    // parameters never move, so every validation score equals the first, while the training
    // scores (a fresh batch per step) differ.
    TrainingConfig frozen = new TrainingConfig(Model.MLEM, true, Parametrization.PROJECTED,
        TrainingConfig.DEFAULT_STRENGTH, new AdamWConfig(1e-300, 0.9, 0.999, 1e-8, 0),
        StoppingSignal.VALIDATION, 50, 20, 8, 5);
    TrainedMetric m = fit(frozen, 2, 500);
    double[] validation = m.history().validationScores();
    for (double v : validation) {
      assertEquals(validation[0], v, 1e-12);
    }
    double[] training = m.history().scores();
    assertTrue(Arrays.stream(training).distinct().count() > 1, "training batches differ");
  }

  @Test
  void respectsMaxSteps() {
    TrainedMetric m = fit(TrainingConfig.defaults(1).withStopping(50, 7), 1, 500);
    assertEquals(7, m.steps());
    assertEquals(false, m.stoppedEarly());
  }

  @Test
  void learnedMatrixIsSymmetricPositiveDefiniteWithUnitNorm() {
    TrainedMetric m = fit(TrainingConfig.defaults(4).withStopping(10, 80), 2, 2000);
    double[][] w = m.weights();
    double norm = 0;
    for (int a = 0; a < w.length; a++) {
      for (int b = 0; b < w.length; b++) {
        assertEquals(w[a][b], w[b][a], 0.0);
        norm += w[a][b] * w[a][b];
      }
    }
    assertEquals(1.0, Math.sqrt(norm), 1e-12);
    // Cholesky succeeds only for a positive-definite matrix
    double[][] l = new double[w.length][w.length];
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = w[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          assertTrue(sum > 0, "W is not positive definite");
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
  }

  @Test
  void reportsProgressForEveryStep() {
    List<Integer> steps = new ArrayList<>();
    TrainingConfig config = TrainingConfig.defaults(2).withStopping(50, 12);
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 2, 1)) {
      new Trainer(config).fit(source, 500, PROBLEM.features().names(),
          (step, score, best, since) -> steps.add(step));
    }
    assertEquals(12, steps.size());
    assertEquals(0, steps.get(0));
    assertEquals(11, steps.get(11));
  }

  @Test
  void rejectsWrongFeatureNamesAndBatchSize() {
    TrainingConfig config = TrainingConfig.defaults(2);
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 2, 1)) {
      IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
          () -> new Trainer(config).fit(source, 100, List.of("a"), TrainingProgress.NONE));
      assertEquals("the pair source has 4 features but 1 names were given", names.getMessage());
      IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
          () -> new Trainer(config).fit(source, 1, PROBLEM.features().names(),
              TrainingProgress.NONE));
      assertEquals("batch size must be >= 2, found 1", size.getMessage());
    }
  }

  @Test
  void configValidationNamesTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingConfig.defaults(1).withStopping(0, 10));
    assertEquals("patience must be >= 1, found 0", e.getMessage());
    IllegalArgumentException frrsa = assertThrows(IllegalArgumentException.class,
        () -> TrainingConfig.defaults(1).withModel(Model.FRRSA, true));
    assertTrue(frrsa.getMessage().startsWith("model frrsa has no interaction terms"));
  }
}
