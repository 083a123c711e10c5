package org.mlem.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.features.SimplexCoordinates;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.rank.Spearman;

/**
 * The evidence behind the default kind of categorical features with more than two levels
 * (docs/method.md section 1, "Simplex or one-hot"): a C-level feature (C = 3, 4) whose levels
 * sit in the representation either at equal distances (the vertices of a simplex: one-hot is
 * exactly right) or unequally (A and B close, C and D far), beside an ordinal and a binary
 * feature, fitted with the level feature as CATEGORICAL (one-hot 0/1 distance) and as
 * SIMPLEX; per condition the held-out Spearman of both (mean and range over seeds) and, for
 * simplex, the Spearman between the learned and the planted level distances. Not a unit test
 * (no assertion); run with
 * {@code mvn -B -o -pl core test -Dtest=SimplexDefaultExperiment
 * -Dsurefire.failIfNoSpecifiedTests=false}; lines start with "SIMPLEX".
 */
@Tag("experiment")
class SimplexDefaultExperiment {
  private static final int N = 300;
  private static final int DIMS = 8;
  private static final double NOISE = 0.25;
  private static final String LEVELS = "ABCD";

  /** Level positions in 2 dimensions: unequal (A-B close, the others far). */
  private static final double[][] UNEQUAL = {{0, 0}, {0.25, 0}, {1, 0}, {1, 1}};

  @Test
  void compare() {
    int seeds = Integer.getInteger("exp.seeds", 5);
    for (int levels : new int[] {3, 4}) {
      for (boolean equal : new boolean[] {true, false}) {
        double[][] position = positions(levels, equal);
        double[] oneHot = new double[seeds];
        double[] simplex = new double[seeds];
        double[] recovery = new double[seeds];
        for (int seed = 0; seed < seeds; seed++) {
          Data data = data(levels, position, seed);
          FeatureTable table = data.table();
          RepresentationDistances d = data.distances();
          oneHot[seed] = fit(table, d, FeatureKind.CATEGORICAL, seed).spearman();
          MlemAnalysis s = fit(table, d, FeatureKind.SIMPLEX, seed);
          simplex[seed] = s.spearman();
          double[][] learned = LevelDistances.of(LevelDistances.block(s.weights(), 0,
              levels - 1));
          List<Double> a = new ArrayList<>();
          List<Double> b = new ArrayList<>();
          for (int p = 0; p < levels; p++) {
            for (int q = p + 1; q < levels; q++) {
              a.add(learned[p][q]);
              double sq = 0;
              for (int k = 0; k < position[p].length; k++) {
                sq += (position[p][k] - position[q][k]) * (position[p][k] - position[q][k]);
              }
              b.add(Math.sqrt(sq));
            }
          }
          recovery[seed] = equal ? Double.NaN : Spearman.exact(unbox(a), unbox(b));
        }
        System.err.printf(Locale.ROOT, "SIMPLEX C=%d %s: held-out Spearman one-hot %s, "
            + "simplex %s, simplex - one-hot %s; level-distance recovery %s%n", levels,
            equal ? "equal  " : "unequal", summary(oneHot), summary(simplex),
            summary(difference(simplex, oneHot)), equal ? "n/a" : summary(recovery));
      }
    }
  }

  private static double[][] positions(int levels, boolean equal) {
    if (!equal) {
      return UNEQUAL;
    }
    double[][] v = SimplexCoordinates.vertices(levels);
    double[][] out = new double[levels][];
    for (int p = 0; p < levels; p++) {
      out[p] = v[p];
    }
    return out;
  }

  /** A planted set: its feature table and the neural distances. */
  private record Data(FeatureTable table, RepresentationDistances distances) {}

  private static Data data(int levels, double[][] position, long seed) {
    List<String> ids = new ArrayList<>();
    String[] level = new String[N];
    double[] x = new double[N];
    String[] binary = new String[N];
    float[] reps = new float[N * DIMS];
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      int l = (int) PositionalRandom.below(PositionalRandom.mix(seed, 1, i), levels);
      level[i] = String.valueOf(LEVELS.charAt(l));
      x[i] = PositionalRandom.uniform(PositionalRandom.mix(seed, 2, i));
      boolean b = PositionalRandom.uniform(PositionalRandom.mix(seed, 3, i)) < 0.5;
      binary[i] = b ? "y" : "n";
      double[] signal = new double[DIMS];
      for (int k = 0; k < position[l].length; k++) {
        signal[k] = position[l][k];
      }
      signal[3] = x[i];
      signal[4] = b ? 0.5 : 0;
      for (int k = 0; k < DIMS; k++) {
        reps[i * DIMS + k] = (float) (signal[k]
            + NOISE * PositionalRandom.gaussian(PositionalRandom.mix(seed, 10 + k, i)));
      }
    }
    FeatureTable table = FeatureTable.builder(ids).addStrings("level", level).addNumbers("x", x)
        .addStrings("binary", binary).build();
    return new Data(table, new RepresentationDistances(Representations.of(ids, reps, DIMS),
        NeuralDistance.EUCLIDEAN));
  }

  private static MlemAnalysis fit(
      FeatureTable table, RepresentationDistances d, FeatureKind kind, long seed) {
    EncodedFeatures features = FeatureSchema.inferred().withKind("level", kind).encode(table);
    MlemConfig config = MlemConfig.builder().seed(seed).batchSize(1000).permutations(0)
        .threads(1).build();
    return Mlem.with(config).analyze(features, d);
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] difference(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      out[k] = a[k] - b[k];
    }
    return out;
  }

  private static String summary(double[] values) {
    double mean = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      mean += v / values.length;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", mean, min, max);
  }
}
