package org.mlem.core.train;

import java.util.List;
import org.mlem.core.metric.MetricDistance;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.PhiExpansion;

/**
 * A fitted metric and how it was trained: the unit-Frobenius matrix W over the features (as
 * phi-coefficients in docs/method.md section 2 term order and as a full matrix), the training curve,
 * and the stopping point. Immutable.
 *
 * @param model the parametrization that was trained
 * @param interactions whether W has interaction terms
 * @param featureNames the F features, in W's row order
 * @param coefficients W's coefficients in term order (lower triangle or diagonal)
 * @param history training score per step
 * @param bestStep the step whose parameters were kept (early stopping restores them)
 * @param bestScore the score early stopping watched at that step (the validation batch's by
 *     default, else the step's training batch's)
 * @param stoppedEarly true when patience ran out before maxSteps
 * @param batchSize pairs per training batch
 * @param seconds wall-clock seconds of training
 */
public record TrainedMetric(
    Model model,
    boolean interactions,
    List<String> featureNames,
    double[] coefficients,
    TrainingHistory history,
    int bestStep,
    double bestScore,
    boolean stoppedEarly,
    int batchSize,
    double seconds) {

  /** Copies the mutable inputs and checks shapes. */
  public TrainedMetric {
    featureNames = List.copyOf(featureNames);
    int expected = PhiExpansion.termCount(featureNames.size(), interactions);
    if (coefficients.length != expected) {
      throw new IllegalArgumentException(
          "expected " + expected + " coefficients for " + featureNames.size() + " features, found "
              + coefficients.length);
    }
    coefficients = coefficients.clone();
  }

  /** W's coefficients in term order, a copy. */
  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The full symmetric F x F matrix W (unit Frobenius norm). */
  public double[][] weights() {
    return PhiExpansion.matrix(coefficients, featureNames.size(), interactions);
  }

  /** Names of the terms (units): features, then "a:b" interactions, in term order. */
  public List<String> termNames() {
    return List.of(PhiExpansion.termNames(featureNames, interactions));
  }

  /**
   * The distance this metric predicts for a pair: {@code sqrt(max(0, delta^T W delta))}
   * ({@link MetricDistance}).
   *
   * @param delta the pair's F feature distances, in {@link #featureNames()} order
   * @return the distance, &gt;= 0
   */
  public double distance(double[] delta) {
    return MetricDistance.of(coefficients, featureNames.size(), interactions).distance(delta);
  }

  /** Number of steps taken. */
  public int steps() {
    return history.steps();
  }
}
