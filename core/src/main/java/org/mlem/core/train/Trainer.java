package org.mlem.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlem.core.metric.MetricParametrization;
import org.mlem.core.metric.Parametrizations;
import org.mlem.core.optim.AdamW;
import org.mlem.core.optim.EarlyStopping;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.rank.SoftSpearman;

/**
 * Fits a metric W by synchronous minibatch gradient ascent of the soft-rank Spearman between
 * predicted distances s = Phi w and min-max scaled neural distances (docs/method.md section 4;
 * paper section 2.2 and Appendix B). Each step draws a fresh batch from the {@link PairSource};
 * the next chunk of batches is computed while the current one trains. The loop itself is
 * sequential, so the result depends only on the configuration, the seed and the data.
 *
 * <p>Per step: phi expansion of the batch, s = Phi w(V), t = ((d - m) / (M - m + 1e-8))^2 with
 * m, M the running min and max of all neural distances seen in training, score and d score / d s
 * from the soft-rank Spearman, d score / d w = Phi^T (d score / d s), the parametrization's
 * hand-written backward to V, an AdamW ascent step, then the parametrization's projection (the
 * projected metrics' PSD cone and unit sphere). Early stopping watches the configured
 * {@link StoppingSignal} (by default the soft-rank Spearman of one fixed batch of training pairs,
 * drawn with the first chunk) and keeps the parameters of its best step.
 */
public final class Trainer {
  /** Position used to derive the initialization seed from the run seed. */
  private static final long INIT_STREAM = 0x1A17L;

  private final TrainingConfig config;
  private final int threads;

  /** @param config validated training configuration; each step on the calling thread */
  public Trainer(TrainingConfig config) {
    this(config, 1);
  }

  /**
   * @param config validated training configuration
   * @param threads threads a step's own work is split over, >= 1 (the fitted metric is the same
   *     bit for bit for any number)
   */
  public Trainer(TrainingConfig config, int threads) {
    this.config = Objects.requireNonNull(config, "config");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    this.threads = threads;
  }

  /** The configuration. */
  public TrainingConfig config() {
    return config;
  }

  /**
   * Trains a metric.
   *
   * @param source supplies the training batches
   * @param batchSize pairs per step, >= 2 (the source uses every pair once if it has fewer)
   * @param featureNames the F feature names, in the source's delta column order
   * @param progress called after each step
   * @return the fitted metric with the best step's parameters
   */
  public TrainedMetric fit(
      PairSource source, int batchSize, List<String> featureNames, TrainingProgress progress) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(progress, "progress");
    int f = source.featureCount();
    if (featureNames.size() != f) {
      throw new IllegalArgumentException(
          "the pair source has " + f + " features but " + featureNames.size() + " names were given");
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("batch size must be >= 2, found " + batchSize);
    }
    MetricParametrization metric =
        Parametrizations.of(config.model(), f, config.interactions(), config.parametrization());
    double[] params = metric.initialParameters(PositionalRandom.mix(config.seed(), INIT_STREAM));
    metric.project(params);
    boolean validating = config.stopping() == StoppingSignal.VALIDATION;
    double[] coef = new double[metric.coefficientCount()];
    double[] gradParams = new double[metric.parameterCount()];
    AdamW optimizer = new AdamW(config.optimizer(), params.length);
    EarlyStopping stopping = new EarlyStopping(config.patience());

    StepThreads stepThreads = new StepThreads(threads);
    BatchObjective objective = new BatchObjective(metric, stepThreads);
    double runningMin = Double.POSITIVE_INFINITY;
    double runningMax = Double.NEGATIVE_INFINITY;
    double[] t = new double[0];
    List<Double> scores = new ArrayList<>();
    List<Double> validationScores = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    BatchObjective validation = null;
    long start = System.nanoTime();
    boolean stoppedEarly = false;

    try (BatchPrefetch prefetch = new BatchPrefetch(
        source, batchSize, config.maxSteps(), config.prefetchSteps(), validating)) {
      List<SparseBatch> current = prefetch.first();
      if (validating) {
        validation = validationObjective(metric, current.get(0), stepThreads);
        current = current.subList(1, current.size());
      }
      int step = 0;
      training:
      for (; current != null; current = prefetch.next()) {
        for (SparseBatch batch : current) {
          int b = batch.size();
          if (t.length != b) {
            t = new double[b];
          }
          double[] d = batch.neural();
          for (int k = 0; k < b; k++) {
            runningMin = Math.min(runningMin, d[k]);
            runningMax = Math.max(runningMax, d[k]);
          }
          double range = runningMax - runningMin + 1e-8;
          for (int k = 0; k < b; k++) {
            double u = (d[k] - runningMin) / range;
            t[k] = u * u;
          }
          objective.load(batch.delta(), t);
          double score;
          try {
            score = objective.valueAndGradient(params, config.strength(), gradParams);
          } catch (ArithmeticException e) {
            throw new ArithmeticException("training step " + step + ": " + e.getMessage());
          }
          source.recycle(batch); // the step has its gradient: the batch is not read again
          double watched = score;
          if (validation != null) {
            watched = validation.value(params, config.strength());
            validationScores.add(watched);
          }
          stopping.observe(step, watched, params);
          scores.add(score);
          times.add((System.nanoTime() - start) / 1e9);
          progress.onStep(step, score, stopping.bestScore(), stopping.stepsSinceImprovement());
          step++;
          if (stopping.shouldStop()) {
            stoppedEarly = true;
            break training;
          }
          if (step >= config.maxSteps()) {
            break training;
          }
          optimizer.ascend(params, gradParams);
          metric.project(params);
        }
      }
    } finally {
      stepThreads.close();
    }
    double[] best = stopping.bestParameters();
    metric.coefficients(best, coef);
    return new TrainedMetric(config.model(), config.interactions(), featureNames, coef,
        new TrainingHistory(unbox(scores), unbox(times), unbox(validationScores)),
        stopping.bestStep(),
        stopping.bestScore(), stoppedEarly, batchSize, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The objective of the fixed validation batch, its targets scaled by the batch's own minimum
   * and maximum (fixed for the whole fit, unlike the training targets' running range).
   */
  private static BatchObjective validationObjective(
      MetricParametrization metric, SparseBatch batch, StepThreads threads) {
    int b = batch.size();
    double[] d = batch.neural();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : d) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double range = max - min + 1e-8;
    double[] t = new double[b];
    for (int k = 0; k < b; k++) {
      double u = (d[k] - min) / range;
      t[k] = u * u;
    }
    BatchObjective objective = new BatchObjective(metric, threads);
    objective.load(batch.delta(), t);
    return objective;
  }

  private static double[] unbox(List<Double> values) {
    double[] out = new double[values.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = values.get(k);
    }
    return out;
  }
}
