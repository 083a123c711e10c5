package org.mlem.jobs.spark;

import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;

/**
 * A tiny simulated dataset (the paper's simulation study: 240 stimuli, 4 binary features, 12
 * dimensions, some noise) and a quick analysis configuration, shared by the Spark tests.
 */
final class SparkTestData {
  static final int STIMULI = 240;

  final EncodedFeatures features;
  final PairDistances distances;

  private SparkTestData(EncodedFeatures features, PairDistances distances) {
    this.features = features;
    this.distances = distances;
  }

  /** The dataset of the given seed. */
  static SparkTestData generate(long seed) {
    SyntheticDataset dataset = SimulationStudy.generate(STIMULI, 4, 12, 0.5, seed);
    EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(dataset));
    PairDistances distances = new RepresentationDistances(
        SyntheticTables.representations(dataset), NeuralDistance.EUCLIDEAN);
    return new SparkTestData(features, distances);
  }

  /** A quick analysis: 30 steps, batches of 200 pairs, 3 permutations. */
  static MlemConfig.Builder quickConfig(long seed) {
    return MlemConfig.builder().seed(seed).maxSteps(30).batchSize(200).permutations(3)
        .threads(2);
  }
}
