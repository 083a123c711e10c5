package org.mlem.core.testing;

import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;

/**
 * A simulated MLEM problem ready for the engine (paper section 2.5.1): encoded binary features,
 * Euclidean neural distances of the generated representations, and the ground truth W*.
 *
 * @param dataset the generated dataset
 * @param features its encoded features
 * @param distances Euclidean distances of its representations
 */
public record SimulatedProblem(
    SyntheticDataset dataset, EncodedFeatures features, RepresentationDistances distances) {

  /** Generates a problem with {@link SimulationStudy#generate}. */
  public static SimulatedProblem generate(
      int stimuli, int featureCount, int dims, double noise, long seed) {
    SyntheticDataset ds = SimulationStudy.generate(stimuli, featureCount, dims, noise, seed);
    EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(ds));
    RepresentationDistances distances = new RepresentationDistances(
        SyntheticTables.representations(ds), NeuralDistance.EUCLIDEAN);
    return new SimulatedProblem(ds, features, distances);
  }

  /** The ground-truth W* (unit Frobenius). */
  public double[][] trueWeights() {
    return dataset.trueWeights();
  }
}
