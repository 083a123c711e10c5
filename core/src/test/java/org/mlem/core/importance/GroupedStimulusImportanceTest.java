package org.mlem.core.importance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.PairStream;

/**
 * Stimulus-level importance groups a SIMPLEX feature's coordinates into one feature. The
 * hand-checkable equivalence: the Euclidean length of a simplex feature's coordinate
 * differences is its categorical 0/1 distance, so a scorer of that length (plus an ordinal
 * feature) on the simplex encoding and the same scorer on the categorical encoding must give
 * identical units (colour, colour:size, size) whenever the simplex feature's two coordinates
 * are permuted together with the feature's one permutation; permuting them separately (each
 * coordinate its own "feature", the ungrouped spec) gives other values.
 */
class GroupedStimulusImportanceTest {
  private static final int N = 36;
  private static final StimulusSplit SPLIT = Splits.trainTest(N, 0.5, 9);

  private static FeatureTable table() {
    List<String> ids = new ArrayList<>();
    String[] colour = new String[N];
    double[] size = new double[N];
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      colour[i] = "ABC".substring(i % 3, i % 3 + 1);
      size[i] = (i * 7) % N;
    }
    return FeatureTable.builder(ids).addStrings("colour", colour).addNumbers("size", size)
        .build();
  }

  /** Score: minus the mean squared error of colour length + 0.5 size against the neural. */
  private static PairScorer scorer(boolean simplex) {
    return (delta, f, neural, ranks) -> {
      double sum = 0;
      for (int k = 0; k < neural.length; k++) {
        double colour = simplex
            ? Math.rint(1e9 * Math.hypot(delta[k * f], delta[k * f + 1])) / 1e9
            : delta[k * f];
        double predicted = colour + 0.5 * delta[k * f + f - 1];
        sum += (predicted - neural[k]) * (predicted - neural[k]);
      }
      return -sum / neural.length;
    };
  }

  @Test
  void aSimplexFeaturesCoordinatesArePermutedTogether() {
    EncodedFeatures categorical = FeatureSchema.inferred().encode(table());
    EncodedFeatures simplex = FeatureSchema.inferred().withKind("colour", FeatureKind.SIMPLEX)
        .encode(table());
    PairIndices pairs = new PairSampler(SPLIT.test()).sample(4, PairStream.IMPORTANCE.id(), 0,
        120);
    double[] neural = new double[pairs.size()];
    for (int k = 0; k < neural.length; k++) {
      int i = pairs.first()[k];
      int j = pairs.second()[k];
      neural[k] = categorical.distance(0, i, j) + 0.5 * categorical.distance(1, i, j);
    }
    StimulusRoundSpec oneHot = new StimulusRoundSpec(scorer(false), 2, true, 1, 120, 21,
        SPLIT.test());
    StimulusRoundSpec grouped = new StimulusRoundSpec(scorer(true), 3, true, 1, 120, 21,
        SPLIT.test(), simplex.layout().starts());
    assertArrayEquals(new int[] {0, 2, 3}, grouped.groups());
    assertEquals(3, grouped.unitCount(), "colour, colour:size, size");
    PermutationRound expected = StimulusImportance.round(categorical, pairs, neural, oneHot, 0);
    PermutationRound actual = StimulusImportance.round(simplex, pairs, neural, grouped, 0);
    assertEquals(expected.baseline(), actual.baseline(), 1e-12);
    assertArrayEquals(expected.units(), actual.units(), 1e-12);
    assertTrue(expected.units()[0] > 0.1, "colour matters: " + expected.units()[0]);

    StimulusRoundSpec separate = new StimulusRoundSpec(scorer(true), 3, true, 1, 120, 21,
        SPLIT.test());
    PermutationRound apart = StimulusImportance.round(simplex, pairs, neural, separate, 0);
    assertEquals(6, apart.units().length, "ungrouped: 3 coordinates' units");
    assertNotEquals(expected.units()[0], apart.units()[0], 1e-6,
        "a coordinate permuted alone is not the feature permuted");
  }
}
