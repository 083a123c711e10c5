package org.mlem.core.ridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.metric.Model;
import org.mlem.core.train.TrainedMetric;
import org.mlem.core.train.TrainingHistory;

/**
 * One fold's FR-RSA ridge model ({@link RidgeFrrsa#fit}): the standardized design, the chosen
 * fraction's solution, the inner cross-validation's scores, and how many pairs it used.
 *
 * @param model {@link Model#FRRSA_RIDGE} or {@link Model#FRRSA_RIDGE_I}
 * @param featureNames the F features
 * @param cv the inner cross-validation and refit
 * @param pairs the number of training pairs
 * @param innerFolds the number of inner folds
 * @param scoring how the inner folds scored the fractions
 * @param seconds wall-clock seconds of the fit
 */
public record RidgeFit(Model model, List<String> featureNames, InnerStimulusCv.Result cv,
    int pairs, int innerFolds, RidgeScoring scoring, double seconds) {
  /** Copies the names and checks the model. */
  public RidgeFit {
    featureNames = List.copyOf(featureNames);
    if (!model.isRidge()) {
      throw new IllegalArgumentException("a ridge fit needs a ridge model, found " + model);
    }
  }

  /** Whether the design has the product columns. */
  public boolean interactions() {
    return cv.design().interactions();
  }

  /** The chosen fraction's solution. */
  public RidgeSolution solution() {
    return cv.solution();
  }

  /** The scorer of held-out and permuted pairs. */
  public RidgeScorer scorer() {
    return new RidgeScorer(cv.design(), cv.solution());
  }

  /**
   * The fit in the shape every fold result has: the betas (one per standardized design column,
   * in term order) stand where a metric's coefficients stand, so W's tables show the betas;
   * there is no training curve (zero steps).
   */
  public TrainedMetric asTrainedMetric() {
    return new TrainedMetric(model, interactions(), featureNames, cv.solution().beta(),
        new TrainingHistory(new double[0], new double[0]), 0, Double.NaN, false, pairs, seconds);
  }

  /** What run.json records: the fraction, alpha, intercept, betas and inner scores. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    RidgeSolution s = cv.solution();
    out.put("fraction", s.fraction());
    out.put("alpha", Double.isInfinite(s.alpha()) ? "Infinity" : s.alpha());
    out.put("intercept", s.intercept());
    List<String> names = cv.design().columnNames(featureNames);
    Map<String, Object> beta = new LinkedHashMap<>();
    double[] b = s.beta();
    for (int i = 0; i < b.length; i++) {
      beta.put(names.get(i), b[i]);
    }
    out.put("beta", beta);
    out.put("pairs", pairs);
    out.put("inner_folds", innerFolds);
    out.put("inner_scoring", scoring.name().toLowerCase(java.util.Locale.ROOT));
    List<Object> grid = new ArrayList<>();
    double[] fractions = cv.fractions();
    double[] scores = cv.meanScores();
    for (int i = 0; i < fractions.length; i++) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("fraction", fractions[i]);
      point.put("mean_score", Double.isNaN(scores[i]) ? null : scores[i]);
      grid.add(point);
    }
    out.put("inner_scores", grid);
    return out;
  }
}
