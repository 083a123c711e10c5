package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.metric.MetricDistance;
import org.mlem.core.pairs.PositionalRandom;

/**
 * Planted: a 3-level feature whose levels A and B are close in the representation (0.15 apart
 * on one axis) and C far (1.0 from A, 0.85 from B), beside an ordinal feature on another axis.
 * Fitted as SIMPLEX, W's block over the two coordinates puts A and B closer than A and C and
 * than B and C ({@link LevelDistances}; the planted ratio AB / AC is 0.15, the test asks for
 * less than 0.5, which the untrained metric, where all three are equal, fails). Fitted as
 * CATEGORICAL (one-hot 0/1 distance), every pair of distinct levels has the same delta, so any
 * W predicts the three level pairs equally far apart: the simplex fit scores higher on
 * held-out pairs. Stimulus-level importance is grouped per feature (colour, size and their
 * interaction; no coordinate is a unit).
 */
class SimplexPlantedTest {
  private static final int N = 120;
  private static final double[] LEVEL_POSITION = {0.0, 0.15, 1.0};
  private static final String[] LEVELS = {"A", "B", "C"};

  private static FeatureTable table() {
    List<String> ids = new ArrayList<>();
    String[] colour = new String[N];
    double[] size = new double[N];
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      colour[i] = LEVELS[i % 3];
      size[i] = PositionalRandom.uniform(PositionalRandom.mix(11, 1, i));
    }
    return FeatureTable.builder(ids).addStrings("colour", colour).addNumbers("size", size)
        .build();
  }

  private static RepresentationDistances distances(List<String> ids) {
    float[] reps = new float[N * 3];
    for (int i = 0; i < N; i++) {
      double size = PositionalRandom.uniform(PositionalRandom.mix(11, 1, i));
      reps[i * 3] = (float) (LEVEL_POSITION[i % 3]
          + 0.03 * PositionalRandom.gaussian(PositionalRandom.mix(11, 2, i)));
      reps[i * 3 + 1] = (float) (0.6 * size
          + 0.03 * PositionalRandom.gaussian(PositionalRandom.mix(11, 3, i)));
      reps[i * 3 + 2] = (float) (0.03 * PositionalRandom.gaussian(PositionalRandom.mix(11, 4, i)));
    }
    return new RepresentationDistances(Representations.of(ids, reps, 3),
        NeuralDistance.EUCLIDEAN);
  }

  private static MlemAnalysis fit(FeatureKind colourKind) {
    FeatureTable table = table();
    EncodedFeatures features = FeatureSchema.inferred().withKind("colour", colourKind)
        .encode(table);
    MlemConfig config = MlemConfig.builder().seed(5).batchSize(300).maxSteps(400).patience(40)
        .permutations(4).evaluationBatches(2).threads(1).build();
    return Mlem.with(config).analyze(features, distances(table.ids()));
  }

  @Test
  void simplexWPutsTheCloseLevelsCloseAndOneHotCannot() {
    MlemAnalysis simplex = fit(FeatureKind.SIMPLEX);
    assertEquals(List.of("colour[1]", "colour[2]", "size"), simplex.featureNames());
    double[][] levels = LevelDistances.of(LevelDistances.block(simplex.weights(), 0, 2));
    double ab = levels[0][1];
    double ac = levels[0][2];
    double bc = levels[1][2];
    assertTrue(ab < ac && ab < bc, "A-B " + ab + " must be below A-C " + ac + " and B-C " + bc);
    assertTrue(ab / ac < 0.5, "A-B / A-C = " + ab / ac + " (planted 0.15)");
    double[][] untrained = LevelDistances.of(new double[][] {{1, 0}, {0, 1}});
    assertFalse(untrained[0][1] / untrained[0][2] < 0.5,
        "the untrained (identity) block fails the threshold");

    MlemAnalysis oneHot = fit(FeatureKind.CATEGORICAL);
    assertEquals(List.of("colour", "size"), oneHot.featureNames());
    // one-hot: delta = (1, 0) for every pair of distinct levels of equal size, so W (whatever
    // it is) predicts one distance for A-B, A-C and B-C
    MetricDistance w = MetricDistance.ofMatrix(oneHot.weights());
    double d = w.distance(new double[] {1, 0});
    assertTrue(d > 0, "the one-hot colour weight is positive: " + d);
    assertTrue(simplex.spearman() > oneHot.spearman() + 0.05,
        "held-out Spearman: simplex " + simplex.spearman() + " vs one-hot " + oneHot.spearman());

    Set<String> units = new HashSet<>();
    for (UnitSummary u : simplex.importanceSummary()) {
      units.add(u.unit());
    }
    assertEquals(Set.of("colour", "size", "colour:size"), units,
        "importance units are features and feature pairs");
    double colour = simplex.importanceSummary().stream().filter(u -> u.unit().equals("colour"))
        .findFirst().orElseThrow().mean();
    assertTrue(colour > 0.1, "colour's main effect " + colour);
  }
}
