package org.mlem.core.train;

import java.util.Objects;
import org.mlem.core.metric.MetricParametrization;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.rank.SoftRank;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.core.rank.SoftSpearman;

/**
 * The training objective on one batch, as a function of the metric's unconstrained parameters:
 * score(V) = softSpearman(Phi w(V), t) (phi and its order as in
 * {@link org.mlem.core.metric.PhiExpansion}), with its hand-written gradient
 * d score / d V = backward(V, Phi^T d score / d s). A reusable workspace: {@link #load} a batch,
 * then evaluate as often as needed (the trainer once per step, gradient checks many times).
 * Not thread-safe.
 */
public final class BatchObjective {
  private final MetricParametrization metric;
  private final int features;
  private final int terms;
  private final double[] coef;
  private final double[] gradCoef;
  private final boolean interactions;
  private double[] delta = new double[0];
  private double[] s = new double[0];
  private double[] gradS = new double[0];
  private double[] target = new double[0];
  private double[] targetRanks;
  private SoftRankStrength targetRanksStrength;
  private int rows;

  /** @param metric the parametrization being trained */
  public BatchObjective(MetricParametrization metric) {
    this.metric = Objects.requireNonNull(metric, "metric");
    this.features = metric.featureCount();
    this.terms = metric.coefficientCount();
    this.interactions = metric.interactions();
    this.coef = new double[terms];
    this.gradCoef = new double[terms];
  }

  /**
   * Loads a batch: keeps a reference to its feature distances (a batch's arrays are never
   * modified) and a copy of the training targets (the caller reuses its buffer). The phi terms
   * are formed on the fly from delta (B x F) rather than materialized (B x F(F+1)/2), which keeps
   * a step's memory traffic small.
   *
   * @param batchDelta rows x F feature distances, row-major
   * @param rows number of pairs B
   * @param targets B training targets (already scaled), copied
   */
  public void load(double[] batchDelta, int rows, double[] targets) {
    if (batchDelta.length != rows * features || targets.length < rows) {
      throw new IllegalArgumentException("batch of " + rows + " pairs needs " + rows * features
          + " feature distances and " + rows + " targets, found " + batchDelta.length + " and "
          + targets.length);
    }
    if (this.rows != rows) {
      s = new double[rows];
      gradS = new double[rows];
      target = new double[rows];
      this.rows = rows;
    }
    System.arraycopy(targets, 0, target, 0, rows);
    targetRanks = null;
    delta = batchDelta;
  }

  /**
   * The score at {@code params} and its gradient, the strength resolved on this batch's
   * predictions and targets (relative strength: treated as a constant in the gradient).
   */
  public double valueAndGradient(
      double[] params, SoftRankStrength strength, double[] gradParams) {
    predict(params);
    double epsS = strength.resolve(s);
    double epsT = strength.resolve(target);
    return finish(params, epsS, epsT, gradParams);
  }

  /** The score and its gradient with explicit soft-rank strengths for s and t. */
  public double valueAndGradient(
      double[] params, double epsS, double epsT, double[] gradParams) {
    predict(params);
    return finish(params, epsS, epsT, gradParams);
  }

  /**
   * The score at {@code params}, without its gradient. The targets' soft ranks are computed
   * once per loaded batch (the validation batch is scored at every step).
   */
  public double value(double[] params, SoftRankStrength strength) {
    predict(params);
    if (targetRanks == null || !strength.equals(targetRanksStrength)) {
      targetRanks = SoftRank.compute(target, strength.resolve(target)).ranks();
      targetRanksStrength = strength;
    }
    return SoftSpearman.valueAgainstRanks(s, strength, targetRanks);
  }

  /** Predicted distances s = Phi w(params) of the loaded batch (a copy). */
  public double[] predictions(double[] params) {
    predict(params);
    return java.util.Arrays.copyOf(s, rows);
  }

  private void predict(double[] params) {
    if (rows == 0) {
      throw new IllegalStateException("no batch loaded");
    }
    metric.coefficients(params, coef);
    PhiExpansion.predictFromDelta(delta, rows, features, interactions, coef, s);
  }

  /** gradCoef = Phi^T g with phi formed on the fly (phi_ab = 2 d_a d_b, phi_aa = d_a^2). */
  private void transposeTimes(double[] g) {
    java.util.Arrays.fill(gradCoef, 0);
    int f = features;
    for (int i = 0; i < rows; i++) {
      int o = i * f;
      double gi = g[i];
      if (interactions) {
        int k = 0;
        for (int a = 0; a < f; a++) {
          double ga = gi * delta[o + a];
          double twice = 2 * ga;
          for (int b = 0; b < a; b++) {
            gradCoef[k++] += twice * delta[o + b];
          }
          gradCoef[k++] += ga * delta[o + a];
        }
      } else {
        for (int a = 0; a < f; a++) {
          double da = delta[o + a];
          gradCoef[a] += gi * da * da;
        }
      }
    }
  }

  private double finish(double[] params, double epsS, double epsT, double[] gradParams) {
    double score = SoftSpearman.valueAndGradient(s, target, epsS, epsT, gradS);
    transposeTimes(gradS);
    metric.backward(params, gradCoef, gradParams);
    return score;
  }
}
