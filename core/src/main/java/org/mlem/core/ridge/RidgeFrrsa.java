package org.mlem.core.ridge;

import java.util.List;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.metric.Model;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.PairStream;

/**
 * Fits FR-RSA as published on one split's training stimuli: one batch of the training stream
 * (request index 0, every training pair when {@code pairs} covers them, else that many pairs
 * drawn as the trainer draws its batches), whose pairs' stimuli are drawn again here with the
 * same {@link PairSampler}, seed and request (any pair source draws them so), then
 * {@link InnerStimulusCv} over {@code min(DEFAULT_INNER_FOLDS, m / 2)} folds of the m training
 * stimuli with the frrsa package's fraction grid and Spearman scoring.
 */
public final class RidgeFrrsa {
  /** Training pairs of a fit by default: every pair of up to 317 training stimuli. */
  public static final int DEFAULT_PAIRS = 50_000;

  private RidgeFrrsa() {}

  /**
   * @param model {@link Model#FRRSA_RIDGE} or {@link Model#FRRSA_RIDGE_I}
   * @param features the encoded features of all n stimuli (to check the source's pairs)
   * @param source the split's pair source
   * @param split the split the source was opened on
   * @param pairSeed the seed the source draws pairs with
   * @param pairs the number of training pairs to request, &gt;= 2
   * @param featureNames the F features
   * @param seed the seed of the inner folds
   * @return the fit
   * @throws IllegalArgumentException when the training split has fewer than 4 stimuli
   */
  public static RidgeFit fit(Model model, EncodedFeatures features, PairSource source,
      StimulusSplit split, long pairSeed, int pairs, List<String> featureNames, long seed) {
    long t0 = System.nanoTime();
    int[] train = split.train();
    if (train.length < 4) {
      throw new IllegalArgumentException("FR-RSA's inner cross-validation needs at least 4 "
          + "training stimuli (2 folds of 2), found " + train.length);
    }
    PairSampler sampler = new PairSampler(train);
    int size = (int) Math.min(pairs, sampler.pairCount());
    BatchRequest request = new BatchRequest(PairStream.TRAINING, 0, size);
    PairBatch batch = source.batch(request);
    PairIndices drawn = sampler.sample(pairSeed, PairStream.TRAINING.id(), 0, size);
    if (drawn.size() != batch.size()) {
      throw new IllegalStateException("the pair source returned " + batch.size()
          + " training pairs where the sampler draws " + drawn.size());
    }
    requireSamePairs(features, drawn, batch);
    InnerStimulusCv.Pairs data = new InnerStimulusCv.Pairs(drawn.first(), drawn.second(),
        batch.delta(), batch.featureCount(), batch.neural());
    int folds = Math.min(InnerStimulusCv.DEFAULT_FOLDS, train.length / 2);
    InnerStimulusCv.Result cv = InnerStimulusCv.fit(train, data, model == Model.FRRSA_RIDGE_I,
        folds, InnerStimulusCv.defaultFractions(), RidgeScoring.SPEARMAN, seed);
    return new RidgeFit(model, featureNames, cv, size, folds, RidgeScoring.SPEARMAN,
        (System.nanoTime() - t0) / 1e9);
  }

  private static void requireSamePairs(EncodedFeatures features, PairIndices drawn,
      PairBatch batch) {
    int f = batch.featureCount();
    double[] expected = new double[f];
    double[] delta = batch.delta();
    for (int k = 0; k < drawn.size(); k++) {
      features.delta(drawn.first()[k], drawn.second()[k], expected, 0);
      for (int a = 0; a < f; a++) {
        if (Double.doubleToLongBits(expected[a]) != Double.doubleToLongBits(delta[k * f + a])) {
          throw new IllegalStateException("training pair " + k + " of the pair source is not "
              + "the pair the sampler draws (feature " + a + " distance " + delta[k * f + a]
              + " vs " + expected[a] + "); the source must draw pairs with PairSampler");
        }
      }
    }
  }
}
