package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.core.importance.PermutationImportance;
import org.mlem.core.importance.PermutationRound;
import org.mlem.core.importance.RoundSpec;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.LocalPairSource;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairStream;
import org.mlem.jobs.testing.SparkTestSession;

/** Spark batches and importance rounds equal the in-process source's, bit for bit. */
class SparkPairSourceTest {
  private static final long SEED = 0x5EEDL;
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static JobRecorder recorder;
  private static SparkTestData data;
  private static StimulusSplit split;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "SparkPairSourceTest");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    recorder = new JobRecorder();
    jsc.sc().addSparkListener(recorder);
    data = SparkTestData.generate(3);
    split = Splits.trainTest(SparkTestData.STIMULI, 0.25, 17);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void forgetJobs() {
    recorder.clear();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7})
  void batchesEqualTheLocalSourceBitForBit(int partitions) throws InterruptedException {
    List<BatchRequest> requests = List.of(
        new BatchRequest(PairStream.TRAINING, 0, 15_000),
        new BatchRequest(PairStream.TRAINING, 1, 300),
        new BatchRequest(PairStream.EVALUATION, 2, 1_500),
        new BatchRequest(PairStream.IMPORTANCE, 3, 2_000),
        new BatchRequest(PairStream.BATCH_SIZE, 4, 2_500));
    List<PairBatch> expected;
    try (LocalPairSource local = new LocalPairSource(data.features, data.distances, split, SEED,
        2)) {
      expected = local.batches(requests);
    }
    List<PairBatch> actual;
    try (SparkPairSourceFactory factory =
        new SparkPairSourceFactory(jsc, data.features, data.distances, partitions)) {
      actual = factory.open(split, SEED).batches(requests);
    }
    assertEquals(requests.size(), actual.size());
    for (int r = 0; r < requests.size(); r++) {
      assertSameBatch(expected.get(r), actual.get(r), requests.get(r).toString());
    }
    // 60 held-out stimuli have 1770 pairs: a request of 2000 is the full RDM
    assertEquals(1_770, actual.get(3).size());
    assertEquals(1_500, actual.get(2).size());
    // one job, sliced as documented: ceil(B / 2048) capped by the per-request share of the
    // partitions, the slices grouped into at most `partitions` tasks
    int perRequest = BatchSlicing.perRequest(partitions, requests.size());
    int slices = BatchSlicing.sliceCount(15_000, perRequest) + 1
        + BatchSlicing.sliceCount(1_500, perRequest) + 1
        + BatchSlicing.sliceCount(2_500, perRequest);
    int tasks = BatchSlicing.tasks(slices, partitions);
    JobRecorder.await(() -> !recorder.jobs().isEmpty());
    assertEquals(List.of(new JobRecorder.Job("mlem: training steps 0-1; evaluation batches 2; "
        + "importance batches 3; batch-size estimation batches 4", tasks)), recorder.jobs());
  }

  @Test
  void aChunkOfTrainingStepsIsOneDescribedJob() throws InterruptedException {
    List<BatchRequest> requests = new ArrayList<>();
    for (int step = 8; step < 16; step++) {
      requests.add(new BatchRequest(PairStream.TRAINING, step, 4_100));
    }
    try (SparkPairSourceFactory factory =
        new SparkPairSourceFactory(jsc, data.features, data.distances, 0)) {
      assertEquals(2, factory.partitions(), "0 = the default parallelism of local[2]");
      factory.open(split, SEED).batches(requests);
    }
    JobRecorder.await(() -> !recorder.jobs().isEmpty());
    // 8 requests share 2 partitions: one slice each, grouped into 2 tasks
    assertEquals(List.of(new JobRecorder.Job("mlem: training steps 8-15", 2)),
        recorder.jobs());
  }

  @Test
  void importanceRoundsEqualTheLocalRoundsBitForBit() throws InterruptedException {
    int features = data.features.featureCount();
    double[] coefficients = new double[PhiExpansion.termCount(features, true)];
    for (int k = 0; k < coefficients.length; k++) {
      coefficients[k] = 0.05 * (k + 1) * (k % 3 == 0 ? -1 : 1);
    }
    coefficients[2] = 0; // a zero weight has zero importance
    RoundSpec spec = new RoundSpec(coefficients, features, true, 4, 40, true, 99);
    List<PermutationRound> expected;
    try (LocalPairSource local = new LocalPairSource(data.features, data.distances, split, SEED,
        1)) {
      expected = PermutationImportance.runLocally(local, spec, 1);
    }
    List<PermutationRound> actual;
    try (SparkPairSourceFactory factory =
        new SparkPairSourceFactory(jsc, data.features, data.distances, 3)) {
      actual = factory.open(split, SEED).run(spec);
    }
    assertEquals(4, actual.size());
    for (int p = 0; p < 4; p++) {
      assertEquals(p, actual.get(p).permutation());
      assertEquals(expected.get(p).baseline(), actual.get(p).baseline(), "baseline " + p);
      assertArrayEquals(expected.get(p).units(), actual.get(p).units(), "units " + p);
      assertArrayEquals(expected.get(p).totals(), actual.get(p).totals(), "totals " + p);
    }
    JobRecorder.await(() -> !recorder.jobs().isEmpty());
    assertEquals(List.of(new JobRecorder.Job("mlem: permutation importance (4 rounds)", 4)),
        recorder.jobs());
  }

  @Test
  void sourcesOfAClosedFactoryRefuseToWork() {
    SparkPairSourceFactory factory =
        new SparkPairSourceFactory(jsc, data.features, data.distances, 2);
    SparkPairSource source = factory.open(split, SEED);
    factory.close();
    factory.close(); // idempotent
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> source.batch(new BatchRequest(PairStream.TRAINING, 0, 10)));
    assertEquals("this SparkPairSourceFactory was closed and its broadcast data destroyed; "
        + "open pair sources from a new factory", e.getMessage());
    assertThrows(IllegalStateException.class, () -> factory.open(split, SEED));
  }

  @Test
  void badArgumentsAreExplained() {
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> new SparkPairSourceFactory(jsc, data.features, data.distances, -1));
    assertEquals("partitions must be >= 1, or 0 for Spark's default parallelism, found -1",
        negative.getMessage());
    try (SparkPairSourceFactory factory =
        new SparkPairSourceFactory(jsc, data.features, data.distances, 1)) {
      StimulusSplit outside = new StimulusSplit(new int[] {0, 1, 2}, new int[] {3, 240});
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> factory.open(outside, SEED));
      assertEquals("the split's test stimuli include index 240 but the features hold 240 stimuli "
          + "(indices 0-239); build the split for the same stimuli", e.getMessage());
    }
  }

  @Test
  void slicesAreCappedByPartitionsAndSizedByPairs() {
    assertEquals(1, BatchSlicing.sliceCount(1, 8));
    assertEquals(1, BatchSlicing.sliceCount(2048, 8));
    assertEquals(2, BatchSlicing.sliceCount(2049, 8));
    assertEquals(8, BatchSlicing.sliceCount(1_000_000, 8));
    assertEquals(1, BatchSlicing.sliceCount(1_000_000, 1));
    assertEquals(1, BatchSlicing.perRequest(2, 8));
    assertEquals(3, BatchSlicing.perRequest(7, 3));
    assertEquals(2, BatchSlicing.tasks(8, 2));
    assertEquals(3, BatchSlicing.tasks(3, 7));
    assertEquals("partitions must be >= 1, found 0", assertThrows(
        IllegalArgumentException.class, () -> BatchSlicing.sliceCount(10, 0)).getMessage());
  }

  private static void assertSameBatch(PairBatch expected, PairBatch actual, String what) {
    AnalysisAssertions.assertSameBatch(expected, actual, what);
  }
}
