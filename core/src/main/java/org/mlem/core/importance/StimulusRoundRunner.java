package org.mlem.core.importance;

import java.util.List;

/**
 * Runs the rounds of a stimulus-level importance computation somewhere else than the calling
 * thread (the Spark module's broadcast pair source scatters them as tasks). Every round must
 * equal {@link StimulusImportance#round} on the pairs of stream IMPORTANCE at its index, drawn
 * with the source's seed, their neural distances and the encoded features.
 */
public interface StimulusRoundRunner {
  /** All rounds of the spec, in permutation order. */
  List<PermutationRound> runStimulus(StimulusRoundSpec spec);
}
