package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.pairs.PositionalRandom;

/** The README's Java example, kept compiling and running on small data. */
class ReadmeExampleTest {
  @Test
  void readmeExampleRuns() {
    int n = 120;
    List<String> ids = new ArrayList<>();
    String[] number = new String[n];
    String[] tense = new String[n];
    double[] zipf = new double[n];
    float[] floats = new float[n * 8];
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
      number[i] = i % 2 == 0 ? "singular" : "plural";
      tense[i] = i % 3 == 0 ? "past" : "present";
      zipf[i] = 4.0 + 0.5 * (i % 4);
      for (int c = 0; c < 8; c++) {
        double signal = (c == 0 ? 2.0 * (i % 2) : 0) + (c == 1 ? 1.0 * (i % 3 == 0 ? 1 : 0) : 0);
        floats[i * 8 + c] = (float) (signal + 0.3 * PositionalRandom.gaussian(
            PositionalRandom.mix(1, i, c)));
      }
    }
    // --- README example, verbatim from here ---
    FeatureTable table = FeatureTable.builder(ids)
        .addStrings("number", number)          // categorical (strings, booleans)
        .addStrings("tense", tense)
        .addNumbers("frequency", zipf)         // ordinal: min-max scaled over all stimuli; NaN = missing
        .build();
    Representations reps = Representations.of(ids, floats, 8);   // n x D float32, row-major

    MlemConfig config = MlemConfig.builder()
        .seed(1)                  // every random draw derives from the seed and a position
        .interactions(true)       // default; model(Model.FRRSA) / Model.FRRSA_I for the baselines
        .testFraction(0.2)        // or .folds(5)
        .permutations(10)
        .build();
    MlemAnalysis result = Mlem.with(config)
        .analyze(table, FeatureSchema.inferred(), reps, NeuralDistance.EUCLIDEAN);

    double[][] w = result.weights();                   // F x F, unit Frobenius norm
    double rho = result.spearman();                    // held-out Spearman (Fisher-z mean over folds)
    // --- end of the README example ---
    assertEquals(3, w.length);
    assertTrue(rho > 0.5, "held-out Spearman " + rho);
    // number carries the largest effect in the generated representations
    assertEquals("number", result.importanceSummary().stream()
        .max((a, b) -> Double.compare(a.mean(), b.mean())).orElseThrow().unit());
  }
}
