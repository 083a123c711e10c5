package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.LocalPairSource;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairStream;
import org.mlem.jobs.testing.SparkTestSession;
import scala.Tuple2;

/**
 * The partitioned placement on local[2] equals the in-process engine and the broadcast
 * placement bit for bit: batches (many block pairs of 7-row blocks, pairs within one block,
 * full-RDM mode), whole analyses (W, history, scores, importances) and the blocks themselves.
 */
class PartitionedPairSourceTest {
  private static final long SEED = 0xB10CL;
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static PartitionedTestData data;
  private static StimulusSplit split;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "PartitionedPairSourceTest");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    data = PartitionedTestData.generate(5);
    split = Splits.trainTest(PartitionedTestData.STIMULI, 0.25, 21);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @EnumSource(NeuralDistance.class)
  void batchesEqualTheInProcessSourceBitForBit(NeuralDistance metric) {
    RepresentationDistances distances = new RepresentationDistances(data.representations, metric);
    List<BatchRequest> requests = List.of(
        new BatchRequest(PairStream.TRAINING, 0, 400),
        new BatchRequest(PairStream.TRAINING, 9, 37),
        new BatchRequest(PairStream.EVALUATION, 2, 100),
        new BatchRequest(PairStream.IMPORTANCE, 1, 1_000_000));
    try (RepresentationBlocks blocks = RepresentationBlocks.fromRepresentations(jsc,
            data.representations, PartitionedTestData.BLOCK_ROWS);
        PartitionedPairSourceFactory factory =
            new PartitionedPairSourceFactory(jsc, data.features, blocks, metric, 4);
        PartitionedPairSource source = factory.open(split, SEED);
        LocalPairSource local = new LocalPairSource(data.features, distances, split, SEED, 2)) {
      List<PairBatch> expected = local.batches(requests);
      List<PairBatch> actual = source.batches(requests);
      assertEquals(expected.size(), actual.size());
      for (int r = 0; r < requests.size(); r++) {
        AnalysisAssertions.assertSameBatch(expected.get(r), actual.get(r),
            metric + " request " + requests.get(r));
      }
      int heldOut = split.test().length;
      assertEquals(heldOut * (heldOut - 1) / 2, actual.get(3).size(), "full-RDM mode");
    }
  }

  @Test
  void theTrainingBatchSpansManyBlockPairsIncludingPairsWithinOneBlock() {
    PairIndices pairs = new PairSampler(split.train())
        .sample(SEED, PairStream.TRAINING.id(), 0, 400);
    int s = PartitionedTestData.BLOCK_ROWS;
    Set<Long> blockPairs = new java.util.HashSet<>();
    long withinOneBlock = 0;
    for (int k = 0; k < pairs.size(); k++) {
      int a = pairs.first()[k] / s;
      int b = pairs.second()[k] / s;
      blockPairs.add(((long) Math.min(a, b) << 32) | Math.max(a, b));
      if (a == b) {
        withinOneBlock++;
      }
    }
    assertTrue(blockPairs.size() > 50, "block pairs: " + blockPairs.size());
    assertTrue(withinOneBlock > 0, "no pair within one block");
  }

  @ParameterizedTest
  @EnumSource(value = NeuralDistance.class, names = {"EUCLIDEAN", "COSINE"})
  void analysesEqualTheBroadcastPlacementAndCoreBitForBit(NeuralDistance metric) {
    for (ImportanceKind kind : ImportanceKind.values()) {
      MlemConfig config = PartitionedTestData.config(8).toBuilder().importance(kind).build();
      var core = Mlem.with(config).analyze(data.features,
          new RepresentationDistances(data.representations, metric));
      var broadcast = data.broadcast(jsc, config, metric);
      var partitioned = data.partitioned(jsc, config, metric, PartitionedTestData.BLOCK_ROWS);
      AnalysisAssertions.assertSameAnalysis(core, broadcast);
      AnalysisAssertions.assertSameAnalysis(broadcast, partitioned);
      var importance = partitioned.folds().get(0).importance().orElseThrow();
      assertEquals(kind, importance.kind());
      // totals are term-level only (a stimulus-level main effect breaks the whole feature)
      assertEquals(kind == ImportanceKind.TERM, importance.hasTotals());
    }
  }

  @Test
  void blocksBuiltFromDistributedRowsHoldTheMatrix() {
    Representations reps = data.representations;
    int dims = reps.dims();
    List<Tuple2<Integer, float[]>> rows = new ArrayList<>();
    for (int i = reps.size() - 1; i >= 0; i--) {
      float[] row = new float[dims];
      System.arraycopy(reps.data(), i * dims, row, 0, dims);
      rows.add(new Tuple2<>(i, row));
    }
    try (RepresentationBlocks blocks = RepresentationBlocks.fromRows(
        jsc.parallelizePairs(rows, 3), reps.size(), dims, 9)) {
      assertEquals(12, blocks.blockCount());
      float[] all = new float[reps.size() * dims];
      TreeSet<Integer> seen = new TreeSet<>();
      for (Tuple2<Integer, RowBlock> block : blocks.rdd().collect()) {
        RowBlock b = block._2();
        assertEquals(block._1().intValue(), b.index());
        assertEquals(b.index() * 9, b.firstRow());
        System.arraycopy(b.data(), 0, all, b.firstRow() * dims, b.data().length);
        seen.add(b.index());
      }
      assertEquals(12, seen.size());
      org.junit.jupiter.api.Assertions.assertArrayEquals(reps.data(), all);
    }
  }

  @Test
  void aZeroNormRowIsRejectedUnderCosineWithCoresMessage() {
    Representations reps = data.representations;
    float[] values = reps.data().clone();
    int row = 52;
    java.util.Arrays.fill(values, row * reps.dims(), (row + 1) * reps.dims(), 0f);
    Representations zero = Representations.of(reps.ids(), values, reps.dims());
    String core = assertThrows(IllegalArgumentException.class,
        () -> new RepresentationDistances(zero, NeuralDistance.COSINE)).getMessage();
    try (RepresentationBlocks blocks = RepresentationBlocks.fromRepresentations(jsc, zero, 7)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new PartitionedPairSourceFactory(jsc, data.features, blocks,
              NeuralDistance.COSINE, 2));
      assertEquals(core, e.getMessage());
      new PartitionedPairSourceFactory(jsc, data.features, blocks, NeuralDistance.EUCLIDEAN, 2)
          .close();
    }
  }

  @Test
  void autoPlacementIsPartitionedBeyondTheBudget() {
    assertEquals(Placement.PARTITIONED, Placement.AUTO.resolve(1_000_000, 64, 64));
    assertEquals(Placement.BROADCAST, Placement.AUTO.resolve(10_000, 64, 64));
    assertEquals(Placement.BROADCAST, Placement.AUTO.resolve(1 << 20, 64, 256));
    assertEquals(Placement.PARTITIONED, Placement.AUTO.resolve((1 << 20) + 1, 64, 256));
    assertEquals(Placement.BROADCAST, Placement.BROADCAST.resolve(1_000_000, 64, 0));
    assertEquals(Placement.PARTITIONED, Placement.parse(" Partitioned "));
    assertEquals("placement must be one of broadcast, partitioned, auto, found 'spread'",
        assertThrows(IllegalArgumentException.class, () -> Placement.parse("spread"))
            .getMessage());
    assertEquals(8192, RepresentationBlocks.defaultBlockRows(1024));
    assertEquals(131072, RepresentationBlocks.defaultBlockRows(64));
  }
}
