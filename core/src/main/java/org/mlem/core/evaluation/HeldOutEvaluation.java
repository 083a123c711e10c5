package org.mlem.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.rank.KendallTauA;
import org.mlem.core.rank.Ranks;
import org.mlem.core.rank.RhoA;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.PairStream;
import org.mlem.core.train.TrainedMetric;

/**
 * Scores a fitted metric on pairs of held-out stimuli (stream {@link PairStream#EVALUATION}):
 * predicted distances s = Phi w against neural distances d, with exact Spearman, rho-a and
 * tau-a, averaged over {@code batches} batches (predictions snapped with {@link TieSnapping}
 * so that equal predicted distances tie exactly). When one batch covers every held-out pair, that
 * single batch is used. When the predicted or the neural distances of a batch are constant the
 * correlations are undefined and the scores are NaN (the caller warns); nothing throws. With a
 * {@link Scoring} other than Spearman, the batches are also scored by the model's scorer (the
 * one permutation importance uses), giving {@link HeldOutScores#score()}.
 */
public final class HeldOutEvaluation {
  /** Default number of evaluation batches. */
  public static final int DEFAULT_BATCHES =
      org.mlem.core.config.MlemOptions.EVALUATION_BATCHES.defaultValue();

  private HeldOutEvaluation() {}

  /**
   * @param source pair source whose held-out stream covers the test stimuli
   * @param metric the fitted metric
   * @param batchSize pairs per evaluation batch, >= 2
   * @param batches number of batches, >= 1
   */
  public static HeldOutScores evaluate(
      PairSource source, TrainedMetric metric, int batchSize, int batches) {
    Objects.requireNonNull(metric, "metric");
    double[] coef = metric.coefficients();
    int f = metric.featureNames().size();
    boolean interactions = metric.interactions();
    return evaluate(source, batch -> predict(batch, coef, f, interactions), batchSize, batches);
  }

  /** Predicted distances of a batch's pairs from their feature distances: a fitted model. */
  @FunctionalInterface
  public interface Predictor {
    /**
     * @param batch the pairs
     * @return one predicted distance per pair
     */
    double[] predict(PairBatch batch);
  }

  /**
   * The configured scoring of a batch's pairs, higher is better (minus the MSE): for a model
   * its permutation-importance scorer on the unpermuted pairs, so that the held-out score and
   * importance's S0 agree.
   */
  @FunctionalInterface
  public interface BatchScorer {
    /**
     * @param batch the pairs
     * @param neuralRanks the average ranks of their neural distances
     * @return the score, NaN when undefined
     */
    double score(PairBatch batch, double[] neuralRanks);
  }

  /**
   * Scores any model the same way: its predictions of the same held-out batches, snapped and
   * correlated with the neural distances as for a metric.
   *
   * @param source pair source whose held-out stream covers the test stimuli
   * @param model the fitted model's predictions
   * @param batchSize pairs per evaluation batch, >= 2
   * @param batches number of batches, >= 1
   */
  public static HeldOutScores evaluate(
      PairSource source, Predictor model, int batchSize, int batches) {
    return evaluate(source, model, null, DistanceScore.SPEARMAN, batchSize, batches);
  }

  /**
   * Scores a model by its predictions (Spearman, rho-a and tau-a, as above) and by the
   * configured scoring, whose value is the mean over the batches of {@code scorer}'s score (the
   * one permutation importance uses, so S0 of importance and the held-out score agree), turned
   * back into the reported value ({@link Scoring#reported}); for Spearman the score is the
   * Spearman above.
   *
   * @param source pair source whose held-out stream covers the test stimuli
   * @param model the fitted model's predictions
   * @param scorer the model's scorer with the configured scoring (unused for Spearman, may
   *     then be null)
   * @param score the configured scoring (the scorer's) and its calibration
   * @param batchSize pairs per evaluation batch, >= 2
   * @param batches number of batches, >= 1
   */
  public static HeldOutScores evaluate(
      PairSource source, Predictor model, BatchScorer scorer, DistanceScore score,
      int batchSize, int batches) {
    Objects.requireNonNull(score, "score");
    Scoring scoring = score.scoring();
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(model, "model");
    if (scoring != Scoring.SPEARMAN) {
      Objects.requireNonNull(scorer, "scorer");
    }
    if (batches < 1) {
      throw new IllegalArgumentException("evaluation batches must be >= 1, found " + batches);
    }
    int count = source.pairCount(PairStream.EVALUATION) <= batchSize ? 1 : batches;
    List<BatchRequest> requests = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      requests.add(new BatchRequest(PairStream.EVALUATION, k, batchSize));
    }
    double sp = 0;
    double ra = 0;
    double ta = 0;
    double gain = 0;
    int size = 0;
    for (PairBatch batch : source.batches(requests)) {
      double[] s = TieSnapping.snapInPlace(model.predict(batch));
      double[] dRanks = Ranks.average(batch.neural());
      try {
        sp += Spearman.againstRanks(s, dRanks);
        ra += RhoA.againstRanks(s, dRanks);
        ta += KendallTauA.of(s, batch.neural());
      } catch (ArithmeticException e) {
        // constant predictions or neural distances: the correlations are undefined
        sp = Double.NaN;
        ra = Double.NaN;
        ta = Double.NaN;
      }
      if (scoring != Scoring.SPEARMAN) {
        gain += scorer.score(batch, dRanks);
      }
      size = batch.size();
    }
    double spearman = sp / count;
    double value = scoring == Scoring.SPEARMAN ? spearman : scoring.reported(gain / count);
    return new HeldOutScores(spearman, ra / count, ta / count, count, size, scoring, value,
        score.calibration());
  }

  /** Predicted distances s = delta^T W delta of a batch. */
  public static double[] predict(
      PairBatch batch, double[] coefficients, int featureCount, boolean interactions) {
    int b = batch.size();
    int terms = PhiExpansion.termCount(featureCount, interactions);
    double[] phi = new double[b * terms];
    PhiExpansion.expand(batch.delta(), b, featureCount, interactions, phi);
    double[] s = new double[b];
    PhiExpansion.predict(phi, b, terms, coefficients, s);
    return s;
  }
}
