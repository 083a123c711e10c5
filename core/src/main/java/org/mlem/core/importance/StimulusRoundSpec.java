package org.mlem.core.importance;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What every round of one stimulus-level importance computation shares: the scorer, the
 * feature count, whether interaction effects are computed, the number of rounds, the pairs per
 * round, the seed of the permutations and the held-out stimuli they permute. Serializable so
 * that distributed runners can ship it to executors. None of it depends on the model except
 * the scorer, so every model of a comparison gets the same permutations.
 *
 * @param scorer scores pairs from their feature distances
 * @param featureCount F >= 1
 * @param interactions whether to compute an interaction effect for every pair a < b
 * @param permutations number of rounds, >= 1
 * @param batchSize held-out pairs per round, >= 2
 * @param seed the seed the permutations derive from
 * @param heldOut the held-out stimuli (global indices), stored sorted
 */
public record StimulusRoundSpec(
    PairScorer scorer, int featureCount, boolean interactions, int permutations, int batchSize,
    long seed, int[] heldOut) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates, copies and sorts the held-out stimuli. */
  public StimulusRoundSpec {
    Objects.requireNonNull(scorer, "scorer");
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be >= 1, found " + featureCount);
    }
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be >= 1, found " + permutations);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("importance batch size must be >= 2, found " + batchSize);
    }
    heldOut = heldOut.clone();
    Arrays.sort(heldOut);
    if (heldOut.length < 2) {
      throw new IllegalArgumentException(
          "stimulus-level importance needs at least 2 held-out stimuli, found " + heldOut.length);
    }
  }

  /** The held-out stimuli, sorted, a copy. */
  @Override
  public int[] heldOut() {
    return heldOut.clone();
  }

  /** Number of units: F main effects, plus F(F-1)/2 interactions when computed. */
  public int unitCount() {
    return interactions ? featureCount * (featureCount + 1) / 2 : featureCount;
  }
}
