package org.mlem.jobs.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.mlem.core.api.PairSourceFactory;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.PairSource;

/**
 * Opens Spark-backed pair sources: the features and neural data are broadcast once; each
 * request for a chunk of batches is one Spark job whose tasks sample pairs by position and
 * compute their distances on executors; permutation-importance rounds run as tasks too.
 */
public final class SparkPairSourceFactory implements PairSourceFactory {
  /**
   * @param context the Spark context
   * @param features encoded features of the n stimuli
   * @param distances neural distances of the same stimuli (representations or an RDM)
   * @param partitions tasks per batch request, >= 1 (0 = the default parallelism)
   */
  public SparkPairSourceFactory(
      JavaSparkContext context, EncodedFeatures features, PairDistances distances,
      int partitions) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public PairSource open(StimulusSplit split, long seed) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
