package org.mlem.jobs.spark;

import org.apache.spark.api.java.function.Function;

/** The Spark function of a batch job: computes one slice of one requested batch. */
final class SliceTask implements Function<SliceSpec, BatchSlice> {
  private static final long serialVersionUID = 1L;

  private final ExecutorPairs pairs;

  SliceTask(ExecutorPairs pairs) {
    this.pairs = pairs;
  }

  @Override
  public BatchSlice call(SliceSpec spec) {
    return pairs.slice(spec);
  }
}
