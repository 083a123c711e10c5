package org.mlem.jobs.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.core.train.TrainingProgress;

/**
 * A small simulated dataset (101 stimuli: with blocks of 7 rows, 15 blocks, the last one of 3
 * rows) and helpers running one analysis under each placement, for the partitioned tests.
 */
final class PartitionedTestData {
  static final int STIMULI = 101;
  static final int BLOCK_ROWS = 7;

  final EncodedFeatures features;
  final Representations representations;

  private PartitionedTestData(EncodedFeatures features, Representations representations) {
    this.features = features;
    this.representations = representations;
  }

  static PartitionedTestData generate(long seed) {
    SyntheticDataset dataset = SimulationStudy.generate(STIMULI, 4, 20, 0.5, seed);
    return new PartitionedTestData(
        FeatureSchema.inferred().encode(SyntheticTables.features(dataset)),
        SyntheticTables.representations(dataset));
  }

  /** A quick analysis with importance totals: 20 steps of 150 pairs, 3 permutations. */
  static MlemConfig config(long seed) {
    return MlemConfig.builder().seed(seed).maxSteps(20).batchSize(150).permutations(3)
        .threads(2).build();
  }

  MlemAnalysis broadcast(JavaSparkContext jsc, MlemConfig config, NeuralDistance metric) {
    try (SparkPairSourceFactory sources = new SparkPairSourceFactory(jsc, features,
        new RepresentationDistances(representations, metric), 2)) {
      return Mlem.with(config).analyze(features, sources, TrainingProgress.NONE, STIMULI);
    }
  }

  MlemAnalysis partitioned(JavaSparkContext jsc, MlemConfig config, NeuralDistance metric,
      int blockRows) {
    try (RepresentationBlocks blocks =
            RepresentationBlocks.fromRepresentations(jsc, representations, blockRows);
        PartitionedPairSourceFactory sources =
            new PartitionedPairSourceFactory(jsc, features, blocks, metric, 3)) {
      return Mlem.with(config).analyze(features, sources, TrainingProgress.NONE, STIMULI);
    }
  }
}
