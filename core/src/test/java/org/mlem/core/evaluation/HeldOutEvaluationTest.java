package org.mlem.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.Model;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.rank.KendallTauA;
import org.mlem.core.rank.RhoA;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;
import org.mlem.core.testing.SimulatedProblem;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.LocalPairSource;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairStream;
import org.mlem.core.train.TrainedMetric;
import org.mlem.core.train.TrainingHistory;

/** Held-out scores equal the mean of the per-batch scores computed independently. */
class HeldOutEvaluationTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(300, 2, 8, 0.5, 12);

  private static TrainedMetric metric() {
    return new TrainedMetric(Model.MLEM, false, List.of("f0", "f1"), new double[] {0.8, 0.6},
        new TrainingHistory(new double[] {0.1}, new double[] {0.1}), 0, 0.1, false, 10, 0.1);
  }

  @Test
  void averagesBatchScores() {
    StimulusSplit split = Splits.trainTest(300, 0.2, 1);
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), split, 6, 2)) {
      HeldOutScores scores = HeldOutEvaluation.evaluate(source, metric(), 200, 3);
      double sp = 0;
      double ra = 0;
      double ta = 0;
      for (int k = 0; k < 3; k++) {
        PairBatch b = source.batch(new BatchRequest(PairStream.EVALUATION, k, 200));
        double[] s = new double[b.size()];
        for (int i = 0; i < s.length; i++) {
          double d0 = b.delta()[2 * i];
          double d1 = b.delta()[2 * i + 1];
          s[i] = 0.8 * d0 * d0 + 0.6 * d1 * d1;
        }
        TieSnapping.snapInPlace(s);
        sp += Spearman.exact(s, b.neural());
        ra += RhoA.of(s, b.neural());
        ta += KendallTauA.of(s, b.neural());
      }
      assertEquals(sp / 3, scores.spearman(), 1e-12);
      assertEquals(ra / 3, scores.rhoA(), 1e-12);
      assertEquals(ta / 3, scores.tauA(), 1e-12);
      assertEquals(3, scores.batches());
      assertEquals(200, scores.pairsPerBatch());
    }
  }

  @Test
  void usesOneFullBatchWhenItCoversEveryHeldOutPair() {
    StimulusSplit split = Splits.trainTest(300, 0.1, 1); // 30 held out: 435 pairs
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), split, 6, 1)) {
      HeldOutScores scores = HeldOutEvaluation.evaluate(source, metric(), 1000, 5);
      assertEquals(1, scores.batches());
      assertEquals(435, scores.pairsPerBatch());
    }
  }
}
