package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.importance.ImportanceKind;

/**
 * A fold whose held-out predictions are constant (rare levels absent from its test stimuli)
 * gets NaN scores and a warning naming the fold and the features; the analysis goes on.
 *
 * <p>The hand-made set: 20 stimuli, two categorical features whose level "x" is carried by
 * stimuli 0, 1 (feature a) and 2, 3 (feature b) only. With 5 folds of 4 held-out stimuli, the
 * 4 carriers occupy at most 4 folds, so at least one fold holds none: there every held-out
 * distance of both features is 0, every prediction delta^T W delta is 0, and Spearman is
 * undefined, whatever the split and the fitted W.
 */
class ConstantFoldTest {
  private static final int N = 20;

  private static MlemAnalysis run(ImportanceKind kind) {
    List<String> ids = new ArrayList<>();
    String[] a = new String[N];
    String[] b = new String[N];
    float[] reps = new float[N * 3];
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      a[i] = i < 2 ? "x" : "y";
      b[i] = i == 2 || i == 3 ? "x" : "y";
      reps[i * 3] = i < 2 ? 1f : 0f;
      reps[i * 3 + 1] = i == 2 || i == 3 ? 1f : 0f;
      reps[i * 3 + 2] = 0.01f * ((i * 7) % 11);
    }
    EncodedFeatures features = FeatureSchema.inferred().encode(
        FeatureTable.builder(ids).addStrings("a", a).addStrings("b", b).build());
    RepresentationDistances distances = new RepresentationDistances(
        Representations.of(ids, reps, 3), NeuralDistance.EUCLIDEAN);
    MlemConfig config = MlemConfig.builder().seed(4).folds(5).batchSize(60).maxSteps(15)
        .patience(5).permutations(2).evaluationBatches(1).threads(1).importance(kind).build();
    return Mlem.with(config).analyze(features, distances);
  }

  @Test
  void aConstantFoldIsNaNWithAWarningAndTheAnalysisGoesOn() {
    for (ImportanceKind kind : ImportanceKind.values()) {
      MlemAnalysis analysis = run(kind);
      assertEquals(5, analysis.folds().size(), kind + ": every fold was fitted");
      int undefined = 0;
      for (FoldResult fold : analysis.folds()) {
        if (Double.isNaN(fold.scores().spearman())) {
          undefined++;
          String name = "fold " + fold.fold() + " of 5";
          List<String> warnings = analysis.provenance().warnings();
          assertTrue(warnings.stream().anyMatch(w -> w.startsWith(name)
                  && w.contains("held-out Spearman is undefined") && w.contains("a, b")),
              kind + ": a warning names " + name + " and the features: " + warnings);
          assertTrue(fold.importance().isPresent());
          assertTrue(Double.isNaN(fold.importance().get().value(0, 0)),
              kind + ": importance on the undefined fold is NaN");
        }
      }
      assertTrue(undefined >= 1, kind + ": at least one fold has no carrier of a level x");
      assertTrue(undefined < 5, kind + ": some fold has a carrier");
      assertTrue(Double.isFinite(analysis.spearman()),
          kind + ": the mean over the defined folds is " + analysis.spearman());
      assertEquals(analysis.importanceSummary().size(), kind == ImportanceKind.TERM ? 5 : 3);
    }
  }
}
