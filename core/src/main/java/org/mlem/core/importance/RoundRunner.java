package org.mlem.core.importance;

import java.util.List;

/**
 * Runs the permutation rounds of an importance computation somewhere else than the calling
 * thread: a {@link org.mlem.core.train.PairSource} that also implements this interface (the
 * Spark module's does, scattering rounds as tasks) is used by
 * {@link PermutationImportance#compute}; otherwise rounds run on local threads. Every round
 * must equal {@link PermutationImportance#round(org.mlem.core.train.PairBatch, RoundSpec, int)}
 * on the batch of stream IMPORTANCE at its index.
 */
public interface RoundRunner {
  /** All rounds of the spec, in permutation order. */
  List<PermutationRound> run(RoundSpec spec);
}
