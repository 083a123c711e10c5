package org.mlem.jobs.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.importance.PermutationRound;
import org.mlem.core.importance.StimulusImportance;
import org.mlem.core.importance.StimulusRoundSpec;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairBatches;
import org.mlem.core.train.PairStream;

/**
 * The executor side of a Spark pair source: the broadcast features and neural distances, the
 * split's stimuli and the seed, shipped inside every task. Draws pairs with core's
 * {@link PairSampler} and computes their distances with core's {@link PairBatches}, exactly as
 * the in-process {@code LocalPairSource} does, so every value is bit-identical to it.
 */
final class ExecutorPairs implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<EncodedFeatures> features;
  private final Broadcast<PairDistances> distances;
  private final int[] train;
  private final int[] test;
  private final long seed;
  private final FailOnceHook failOnce;
  /**
   * Samplers built on first use in each JVM (a sampler sorts and checks its stimuli once); not
   * shipped. Racing first uses build equal immutable samplers, so the race is harmless.
   */
  private transient volatile PairSampler trainSampler;
  private transient volatile PairSampler testSampler;

  ExecutorPairs(
      Broadcast<EncodedFeatures> features, Broadcast<PairDistances> distances,
      StimulusSplit split, long seed, FailOnceHook failOnce) {
    this.features = features;
    this.distances = distances;
    this.train = split.train().clone();
    this.test = split.test().clone();
    this.seed = seed;
    this.failOnce = failOnce;
  }

  /** The pairs of batch (stream, index, size), as {@code LocalPairSource.pairs} draws them. */
  PairIndices draw(PairStream stream, long index, int size) {
    return sampler(stream.drawsFromTraining()).sample(seed, stream.id(), index, size);
  }

  private PairSampler sampler(boolean training) {
    if (training) {
      PairSampler s = trainSampler;
      if (s == null) {
        s = new PairSampler(train);
        trainSampler = s;
      }
      return s;
    }
    PairSampler s = testSampler;
    if (s == null) {
      s = new PairSampler(test);
      testSampler = s;
    }
    return s;
  }

  /**
   * Computes the neural distances of the positions of one slice. The feature distances are
   * not shipped back: the driver recomputes them from the same pairs (F values per pair are
   * cheaper to compute than to serialize), see {@link SparkPairSource#batches}.
   */
  BatchSlice slice(SliceSpec spec) {
    failOnce.maybeFail(spec.toString());
    PairIndices all = draw(spec.stream, spec.index, spec.size);
    double[] neural = new double[spec.to - spec.from];
    PairBatches.fillNeural(distances.value(), all, spec.from, spec.to, neural);
    return new BatchSlice(spec.request, spec.from, neural);
  }

  /**
   * One stimulus-level importance round in this task: draws the round's held-out pairs, computes
   * their neural distances and runs core's {@link StimulusImportance#round} on the broadcast
   * features.
   */
  PermutationRound stimulusRound(StimulusRoundSpec spec, int permutation) {
    failOnce.maybeFail("stimulus importance round " + permutation);
    BatchRequest request = StimulusImportance.request(spec, permutation);
    PairIndices pairs = draw(request.stream(), request.index(), request.size());
    double[] neural = new double[pairs.size()];
    PairBatches.fillNeural(distances.value(), pairs, 0, pairs.size(), neural);
    return StimulusImportance.round(features.value(), pairs, neural, spec, permutation);
  }

  /** Computes a whole batch in this task (one permutation round's held-out pairs). */
  PairBatch batch(PairStream stream, long index, int size, String task) {
    failOnce.maybeFail(task);
    return PairBatches.compute(features.value(), distances.value(), draw(stream, index, size));
  }
}
