package org.mlem.core.train;

import java.util.Objects;
import org.mlem.core.metric.MetricParametrization;
import org.mlem.core.metric.SparseDeltas;
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
  private SparseDeltas delta;
  /** The non-zero form of the last dense batch loaded, its arrays reused by the next one. */
  private SparseDeltas owned;
  private double[] s = new double[0];
  private double[] gradS = new double[0];
  private double[] target = new double[0];
  private double[] cotangent = new double[0];
  /** The soft ranks' work arrays: of s, of t (ranked on a worker meanwhile), of a value's s. */
  private final SoftRank.Workspace ranksOfS = new SoftRank.Workspace();
  private final SoftRank.Workspace ranksOfT = new SoftRank.Workspace();
  private final SoftRank.Workspace ranksOfValue = new SoftRank.Workspace();
  private double[] targetRanks;
  private SoftRankStrength targetRanksStrength;
  private int rows;
  private final StepThreads threads;
  /** Feature ranges [split[p], split[p + 1]) of the gradient's parts, about equal in terms. */
  private final int[] termSplit;

  /** @param metric the parametrization being trained */
  public BatchObjective(MetricParametrization metric) {
    this(metric, StepThreads.single());
  }

  /**
   * @param metric the parametrization being trained
   * @param threads the threads a step's work is split over (the result does not depend on them)
   */
  BatchObjective(MetricParametrization metric, StepThreads threads) {
    this.metric = Objects.requireNonNull(metric, "metric");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.features = metric.featureCount();
    this.terms = metric.coefficientCount();
    this.interactions = metric.interactions();
    this.coef = new double[terms];
    this.gradCoef = new double[terms];
    this.termSplit = termSplit(features, interactions, threads.threads());
  }

  /** Feature boundaries splitting the terms into {@code parts} ranges of about equal size. */
  private static int[] termSplit(int features, boolean interactions, int parts) {
    int p = Math.max(1, Math.min(parts, features));
    int[] split = new int[p + 1];
    long total = interactions ? (long) features * (features + 1) / 2 : features;
    int a = 0;
    for (int k = 1; k < p; k++) {
      long want = total * k / p;
      while (a < features && (interactions ? (long) a * (a + 1) / 2 : a) < want) {
        a++;
      }
      split[k] = a;
    }
    split[p] = features;
    return split;
  }

  /**
   * Loads a batch: keeps its non-zero feature distances ({@link SparseDeltas}, found once here
   * rather than in every evaluation) and a copy of the training targets (the caller reuses its
   * buffer). The phi terms are formed on the fly from them rather than materialized
   * (B x F(F+1)/2), which keeps a step's memory traffic small.
   *
   * @param batchDelta rows x F feature distances, row-major (not kept)
   * @param rows number of pairs B
   * @param targets B training targets (already scaled), copied
   */
  public void load(double[] batchDelta, int rows, double[] targets) {
    if (batchDelta.length != rows * features || targets.length < rows) {
      throw new IllegalArgumentException("batch of " + rows + " pairs needs " + rows * features
          + " feature distances and " + rows + " targets, found " + batchDelta.length + " and "
          + targets.length);
    }
    owned = SparseDeltas.of(batchDelta, rows, features, rows < PARALLEL_ROWS ? 1
        : threads.threads(), threads::run, owned);
    load(owned, targets);
  }

  /**
   * Loads a batch given by its non-zero feature distances, read (not copied) until the next
   * load, and a copy of its training targets.
   *
   * @param sparse the batch's B rows of F feature distances
   * @param targets B training targets (already scaled), copied
   */
  public void load(SparseDeltas sparse, double[] targets) {
    int rows = sparse.rows();
    if (sparse.featureCount() != features || targets.length < rows) {
      throw new IllegalArgumentException("batch of " + rows + " pairs x " + features
          + " features needs as many targets, found " + sparse.featureCount() + " features and "
          + targets.length + " targets");
    }
    if (this.rows != rows) {
      s = new double[rows];
      gradS = new double[rows];
      target = new double[rows];
      cotangent = new double[rows];
      this.rows = rows;
    }
    System.arraycopy(targets, 0, target, 0, rows);
    targetRanks = null;
    delta = sparse;
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
    return SoftSpearman.valueAgainstRanks(s, strength, targetRanks, ranksOfValue);
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
    int parts = rows < PARALLEL_ROWS ? 1 : threads.threads();
    threads.run(parts, p -> delta.predict((int) ((long) rows * p / parts),
        (int) ((long) rows * (p + 1) / parts), interactions, coef, s));
  }

  /** Batches smaller than this are not worth splitting over threads. */
  private static final int PARALLEL_ROWS = 1 << 14;

  /** gradCoef = Phi^T g with phi formed on the fly (phi_ab = 2 d_a d_b, phi_aa = d_a^2). */
  private void transposeTimes(double[] g) {
    if (rows < PARALLEL_ROWS) {
      delta.transposeTimes(interactions, g, gradCoef, 0, features);
      return;
    }
    // with interactions the features' ranges are balanced by this batch's products (pairs
    // differ more often on some features); every term's sum is the same whichever thread forms it
    int[] split = interactions ? delta.balancedSplit(termSplit.length - 1) : termSplit;
    threads.run(split.length - 1, p -> delta.transposeTimes(interactions, g, gradCoef,
        split[p], split[p + 1]));
  }

  private double finish(double[] params, double epsS, double epsT, double[] gradParams) {
    // the soft ranks of t on a worker while this thread ranks s (one thread: in turn); each in
    // its own work arrays, reused from step to step
    SoftRank rs;
    SoftRank rt;
    if (rows < PARALLEL_ROWS || threads.threads() == 1) {
      rs = SoftRank.compute(s, epsS, ranksOfS);
      rt = SoftRank.compute(target, epsT, ranksOfT);
    } else {
      java.util.concurrent.Future<SoftRank> ranksT =
          threads.start(() -> SoftRank.compute(target, epsT, ranksOfT));
      rs = SoftRank.compute(s, epsS, ranksOfS);
      rt = LocalPairSource.result(ranksT);
    }
    double score = SoftSpearman.valueAndGradient(rs, rt, gradS, cotangent);
    transposeTimes(gradS);
    metric.backward(params, gradCoef, gradParams);
    return score;
  }
}
