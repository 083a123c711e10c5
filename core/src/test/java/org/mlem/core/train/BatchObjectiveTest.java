package org.mlem.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.MetricParametrization;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrizations;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.core.testing.GradientCheck;
import org.mlem.core.testing.SimulatedProblem;

/**
 * Finite-difference check of one full training step: the soft-rank Spearman of a real batch as
 * a function of the metric's unconstrained parameters, through phi expansion, prediction, soft
 * ranks, Pearson and the parametrization's backward pass.
 */
class BatchObjectiveTest {

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(Model.MLEM, true),
        Arguments.of(Model.MLEM, false),
        Arguments.of(Model.FRRSA, false),
        Arguments.of(Model.FRRSA_I, true));
  }

  /** A loaded objective and the targets it was loaded with. */
  private record Loaded(BatchObjective objective, double[] targets) {}

  private static BatchObjective loaded(MetricParametrization metric, int pairs, long seed) {
    return load(metric, pairs, seed).objective();
  }

  private static Loaded load(MetricParametrization metric, int pairs, long seed) {
    SimulatedProblem p = SimulatedProblem.generate(60, metric.featureCount(), 8, 0.5, seed);
    int[] all = new int[60];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    PairIndices idx = new PairSampler(all).sample(seed, 1, 0, pairs);
    PairBatch batch = PairBatches.compute(p.features(), p.distances(), idx);
    double max = 0;
    for (double d : batch.neural()) {
      max = Math.max(max, d);
    }
    double[] t = new double[batch.size()];
    for (int k = 0; k < t.length; k++) {
      double u = batch.neural()[k] / max;
      t[k] = u * u;
    }
    BatchObjective objective = new BatchObjective(metric);
    objective.load(batch.delta(), batch.size(), t);
    return new Loaded(objective, t);
  }

  @ParameterizedTest
  @MethodSource("models")
  void fullStepGradientMatchesFiniteDifferencesWithAbsoluteStrength(Model model, boolean inter) {
    MetricParametrization metric = Parametrizations.of(model, 4, inter);
    BatchObjective objective = loaded(metric, 80, 3);
    double[] params = metric.initialParameters(11);
    double[] grad = new double[params.length];
    SoftRankStrength strength = SoftRankStrength.absolute(1.0);
    objective.valueAndGradient(params, strength, grad);
    GradientCheck.assertMatches(
        x -> objective.valueAndGradient(x, strength, new double[x.length]), params, grad);
  }

  @ParameterizedTest
  @MethodSource("models")
  void fullStepGradientMatchesFiniteDifferencesWithRelativeStrengthFrozen(
      Model model, boolean inter) {
    // Relative strength: eps is resolved on the batch and treated as a constant in the backward
    // pass (docs/method.md section 4), so the check freezes it at the base point.
    MetricParametrization metric = Parametrizations.of(model, 4, inter);
    BatchObjective objective = loaded(metric, 80, 5);
    double[] params = metric.initialParameters(13);
    SoftRankStrength relative = SoftRankStrength.relative(1.0);
    double epsS = relative.resolve(objective.predictions(params));
    double epsT = 0.05;
    double[] grad = new double[params.length];
    objective.valueAndGradient(params, epsS, epsT, grad);
    GradientCheck.assertMatches(
        x -> objective.valueAndGradient(x, epsS, epsT, new double[x.length]), params, grad);
  }

  @Test
  void resolvedRelativeStrengthEqualsExplicitStrength() {
    MetricParametrization metric = Parametrizations.of(Model.MLEM, 3, true);
    Loaded loaded = load(metric, 50, 7);
    BatchObjective objective = loaded.objective();
    double[] params = metric.initialParameters(17);
    SoftRankStrength relative = SoftRankStrength.relative(2.0);
    double[] g1 = new double[params.length];
    double[] g2 = new double[params.length];
    double v1 = objective.valueAndGradient(params, relative, g1);
    // independent resolution: 2 * population std / n of the predictions
    double[] s = objective.predictions(params);
    double mean = 0;
    for (double v : s) {
      mean += v;
    }
    mean /= s.length;
    double var = 0;
    for (double v : s) {
      var += (v - mean) * (v - mean);
    }
    double epsS = 2.0 * Math.sqrt(var / s.length) / s.length;
    double v2 = objective.valueAndGradient(params, epsS, relative.resolve(loaded.targets()), g2);
    assertEquals(v1, v2, 1e-12);
  }

  @ParameterizedTest
  @MethodSource("models")
  void predictionsEqualTheMaterializedPhiExpansion(Model model, boolean inter) {
    MetricParametrization metric = Parametrizations.of(model, 5, inter);
    SimulatedProblem p = SimulatedProblem.generate(40, 5, 6, 0.5, 2);
    int[] all = new int[40];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    PairBatch batch = PairBatches.compute(p.features(), p.distances(),
        new PairSampler(all).sample(2, 1, 0, 300));
    BatchObjective objective = new BatchObjective(metric);
    objective.load(batch.delta(), batch.size(), batch.neural());
    double[] params = metric.initialParameters(5);
    int terms = metric.coefficientCount();
    double[] phi = new double[batch.size() * terms];
    org.mlem.core.metric.PhiExpansion.expand(batch.delta(), batch.size(), 5, inter, phi);
    double[] expected = new double[batch.size()];
    org.mlem.core.metric.PhiExpansion.predict(phi, batch.size(), terms,
        metric.coefficients(params), expected);
    double[] actual = objective.predictions(params);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-14);
    }
  }

  @Test
  void evaluatingBeforeLoadingIsAnError() {
    BatchObjective objective = new BatchObjective(Parametrizations.of(Model.MLEM, 2, true));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> objective.predictions(new double[3]));
    assertEquals("no batch loaded", e.getMessage());
  }
}
