package org.mlem.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.testing.SimulatedProblem;

/** The in-process pair source: contents, stream membership and thread independence. */
class LocalPairSourceTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(120, 3, 8, 0.2, 4);
  private static final StimulusSplit SPLIT = Splits.trainTest(120, 0.25, 9);

  @Test
  void batchesHoldTheDistancesOfTheirPairs() {
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 3, 2)) {
      BatchRequest request = new BatchRequest(PairStream.TRAINING, 5, 4000);
      PairBatch batch = source.batch(request);
      PairIndices pairs = source.pairs(request);
      double[] row = new double[3];
      for (int k = 0; k < batch.size(); k++) {
        int i = pairs.first()[k];
        int j = pairs.second()[k];
        PROBLEM.features().delta(i, j, row, 0);
        assertArrayEquals(row, Arrays.copyOfRange(batch.delta(), 3 * k, 3 * k + 3));
        assertEquals(PROBLEM.distances().distance(i, j), batch.neural()[k]);
      }
    }
  }

  @Test
  void trainingPairsUseTrainingStimuliAndHeldOutPairsTestStimuli() {
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 3, 1)) {
      PairIndices train = source.pairs(new BatchRequest(PairStream.TRAINING, 0, 500));
      PairIndices test = source.pairs(new BatchRequest(PairStream.EVALUATION, 0, 200));
      for (int k = 0; k < train.size(); k++) {
        assertTrue(Arrays.binarySearch(SPLIT.train(), train.first()[k]) >= 0);
        assertTrue(Arrays.binarySearch(SPLIT.train(), train.second()[k]) >= 0);
      }
      for (int k = 0; k < test.size(); k++) {
        assertTrue(Arrays.binarySearch(SPLIT.test(), test.first()[k]) >= 0);
        assertTrue(Arrays.binarySearch(SPLIT.test(), test.second()[k]) >= 0);
      }
      assertEquals(30L * 29 / 2, source.pairCount(PairStream.EVALUATION));
    }
  }

  @Test
  void resultsDoNotDependOnThreadsOrOnOtherRequests() {
    List<BatchRequest> requests = List.of(
        new BatchRequest(PairStream.TRAINING, 0, 3000),
        new BatchRequest(PairStream.IMPORTANCE, 2, 1000),
        new BatchRequest(PairStream.EVALUATION, 1, 5000));
    try (LocalPairSource one = new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 8, 1);
        LocalPairSource three = new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 8, 3)) {
      List<PairBatch> a = one.batches(requests);
      List<PairBatch> b = three.batches(requests);
      for (int r = 0; r < requests.size(); r++) {
        assertArrayEquals(a.get(r).delta(), b.get(r).delta());
        assertArrayEquals(a.get(r).neural(), b.get(r).neural());
        PairBatch alone = three.batch(requests.get(r));
        assertArrayEquals(a.get(r).neural(), alone.neural());
      }
      // 30 held-out stimuli have 435 pairs: a larger request returns each pair once
      assertEquals(435, b.get(2).size());
    }
  }

  /**
   * The batches built straight in non-zero form (on one thread or three, in the foreground or
   * the background, into recycled arrays or new ones) and the interface's default conversion
   * of dense batches hold the dense batches' values: the same neural distances, and predictions
   * and gradients equal bit for bit to the dense kernels' on the dense rows.
   */
  @Test
  void sparseBatchesHoldTheDenseBatchesValues() {
    List<BatchRequest> requests = List.of(
        new BatchRequest(PairStream.VALIDATION, 0, 2500),
        new BatchRequest(PairStream.TRAINING, 3, 2500),
        new BatchRequest(PairStream.TRAINING, 4, 1700));
    int f = PROBLEM.features().featureCount();
    int terms = org.mlem.core.metric.PhiExpansion.termCount(f, true);
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    double[] w = random.doubles(terms, -1, 1).toArray();
    try (LocalPairSource one =
            new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 8, 1);
        LocalPairSource three =
            new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 8, 3)) {
      List<PairBatch> dense = one.batches(requests);
      PairSource denseOnly = new PairSource() {
        @Override
        public int featureCount() {
          return f;
        }

        @Override
        public long pairCount(PairStream stream) {
          return one.pairCount(stream);
        }

        @Override
        public List<PairBatch> batches(List<BatchRequest> r) {
          return one.batches(r);
        }
      };
      for (int round = 0; round < 3; round++) {
        List<PairSource> sources = List.of(one, three, three, denseOnly);
        for (int v = 0; v < sources.size(); v++) {
          PairSource source = sources.get(v);
          List<SparseBatch> sparse = source.sparseBatches(requests, v == 2);
          for (int r = 0; r < requests.size(); r++) {
            PairBatch expected = dense.get(r);
            SparseBatch actual = sparse.get(r);
            int b = expected.size();
            assertArrayEquals(expected.neural(), actual.neural());
            double[] s1 = new double[b];
            org.mlem.core.metric.PhiExpansion.predictFromDelta(
                expected.delta(), b, f, true, w, s1);
            double[] s2 = new double[b];
            actual.delta().predict(0, b, true, w, s2);
            assertArrayEquals(s1, s2);
            double[] g = random.doubles(b, -1, 1).toArray();
            double[] g1 = new double[terms];
            org.mlem.core.metric.PhiExpansion.transposeTimesFromDelta(
                expected.delta(), b, f, true, g, g1);
            double[] g2 = new double[terms];
            actual.delta().transposeTimes(true, g, g2, 0, f);
            assertArrayEquals(g1, g2);
          }
          // handed back to their source: its next batches of these sizes refill the arrays
          sparse.forEach(source::recycle);
        }
      }
    }
  }

  @Test
  void rejectsMismatchedInputs() {
    SimulatedProblem other = SimulatedProblem.generate(50, 3, 8, 0.2, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LocalPairSource(PROBLEM.features(), other.distances(), SPLIT, 1, 1));
    assertEquals("features has 120 stimuli but the neural distances cover 50", e.getMessage());
  }
}
