package org.mlem.jobs.spark;

import org.apache.spark.api.java.function.Function;
import org.mlem.core.importance.PermutationImportance;
import org.mlem.core.importance.RoundSpec;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;

/**
 * The Spark function of a permutation-importance job: builds the held-out batch of round p
 * (stream IMPORTANCE, index p) and returns core's
 * {@link PermutationImportance#round(PairBatch, RoundSpec, int)} on it.
 */
final class RoundTask implements Function<Integer, RoundResult> {
  private static final long serialVersionUID = 1L;

  private final ExecutorPairs pairs;
  private final RoundSpec spec;

  RoundTask(ExecutorPairs pairs, RoundSpec spec) {
    this.pairs = pairs;
    this.spec = spec;
  }

  @Override
  public RoundResult call(Integer permutation) {
    int p = permutation;
    BatchRequest request = PermutationImportance.request(spec, p);
    PairBatch batch = pairs.batch(request.stream(), request.index(), request.size(),
        "permutation round " + p);
    return new RoundResult(PermutationImportance.round(batch, spec, p));
  }
}
