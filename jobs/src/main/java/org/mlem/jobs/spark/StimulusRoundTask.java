package org.mlem.jobs.spark;

import org.apache.spark.api.java.function.Function;
import org.mlem.core.importance.StimulusImportance;
import org.mlem.core.importance.StimulusRoundSpec;

/**
 * The Spark function of a stimulus-level importance job: round p's held-out pairs (stream
 * IMPORTANCE, index p), their neural distances, and core's {@link StimulusImportance#round} on
 * them (see {@link ExecutorPairs#stimulusRound}).
 */
final class StimulusRoundTask implements Function<Integer, RoundResult> {
  private static final long serialVersionUID = 1L;

  private final ExecutorPairs pairs;
  private final StimulusRoundSpec spec;

  StimulusRoundTask(ExecutorPairs pairs, StimulusRoundSpec spec) {
    this.pairs = pairs;
    this.spec = spec;
  }

  @Override
  public RoundResult call(Integer permutation) {
    return new RoundResult(pairs.stimulusRound(spec, permutation));
  }
}
