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
 * @param featureCount F >= 1, the number of delta components
 * @param interactions whether to compute an interaction effect for every pair a < b
 * @param permutations number of rounds, >= 1
 * @param batchSize held-out pairs per round, >= 2
 * @param seed the seed the permutations derive from
 * @param heldOut the held-out stimuli (global indices), stored sorted
 * @param groups the features as ranges of delta components: feature g is components
 *     {@code [groups[g], groups[g + 1])} ({@code FeatureLayout#starts}); G + 1 increasing values
 *     from 0 to featureCount. A feature's components are permuted together; units are features
 *     and feature pairs.
 */
public record StimulusRoundSpec(
    PairScorer scorer, int featureCount, boolean interactions, int permutations, int batchSize,
    long seed, int[] heldOut, int[] groups) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A spec where every component is its own feature (no SIMPLEX feature). */
  public StimulusRoundSpec(
      PairScorer scorer, int featureCount, boolean interactions, int permutations, int batchSize,
      long seed, int[] heldOut) {
    this(scorer, featureCount, interactions, permutations, batchSize, seed, heldOut,
        ungrouped(featureCount));
  }

  private static int[] ungrouped(int featureCount) {
    int[] out = new int[Math.max(featureCount, 0) + 1];
    for (int c = 0; c < out.length; c++) {
      out[c] = c;
    }
    return out;
  }

  /** Validates, copies and sorts the held-out stimuli. */
  public StimulusRoundSpec {
    Objects.requireNonNull(scorer, "scorer");
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be >= 1, found " + featureCount);
    }
    groups = groups.clone();
    boolean valid = groups.length >= 2 && groups[0] == 0
        && groups[groups.length - 1] == featureCount;
    for (int g = 1; valid && g < groups.length; g++) {
      valid = groups[g] > groups[g - 1];
    }
    if (!valid) {
      throw new IllegalArgumentException("feature groups must rise from 0 to the component count "
          + featureCount + ", found " + Arrays.toString(groups));
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

  /** The feature groups (G + 1 starts), a copy. */
  @Override
  public int[] groups() {
    return groups.clone();
  }

  /** The number of features G (groups of components). */
  public int groupCount() {
    return groups.length - 1;
  }

  /** Number of units: G main effects, plus G(G-1)/2 interactions when computed. */
  public int unitCount() {
    int g = groupCount();
    return interactions ? g * (g + 1) / 2 : g;
  }
}
