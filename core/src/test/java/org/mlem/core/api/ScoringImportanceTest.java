package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.Representations;
import org.mlem.core.evaluation.AffineCalibration;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.metric.Model;
import org.mlem.core.testing.SimulatedProblem;

/**
 * Importance under the pearson and mse scorings ranks a planted feature first and gives a pure
 * noise feature about 0 (for MLEM and FR-RSA ridge), and every model works with every scoring
 * (or refuses term-level importance for the ridge models, whatever the scoring).
 */
class ScoringImportanceTest {
  private static final int N = 120;
  /** A noise feature's |mean importance| must stay below this share of the planted one's. */
  private static final double NOISE_SHARE = 0.1;

  /** planted (binary) moves the representations a lot, weak (ordinal) a little, noise not. */
  private static MlemAnalysis planted(Model model, Scoring scoring) {
    Random random = new Random(21);
    List<String> ids = new ArrayList<>();
    String[] planted = new String[N];
    String[] noise = new String[N];
    double[] weak = new double[N];
    int dims = 6;
    float[] reps = new float[N * dims];
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      planted[i] = i % 2 == 0 ? "x" : "y";
      noise[i] = random.nextBoolean() ? "u" : "v";
      weak[i] = random.nextDouble();
      for (int c = 0; c < dims; c++) {
        double signal = c == 0 ? (i % 2) * 2.0 : c == 1 ? 0.4 * weak[i] : 0;
        reps[i * dims + c] = (float) (signal + 0.25 * random.nextGaussian());
      }
    }
    FeatureTable table = FeatureTable.builder(ids).addStrings("planted", planted)
        .addStrings("noise", noise).addNumbers("weak", weak).build();
    MlemConfig config = MlemConfig.builder().seed(4).model(model)
        .interactions(model.defaultInteractions()).folds(3).permutations(4).maxSteps(60)
        .patience(15).batchSize(2000).evaluationBatches(2).scoring(scoring).threads(2).build();
    return Mlem.with(config).analyze(table, FeatureSchema.inferred(),
        Representations.of(ids, reps, dims), NeuralDistance.EUCLIDEAN);
  }

  /** The planted feature's main effect is first and credibly > 0; noise's is about 0. */
  private static boolean plantedFirstNoiseNearZero(List<UnitSummary> units) {
    UnitSummary plantedUnit = find(units, "planted");
    UnitSummary noiseUnit = find(units, "noise");
    for (UnitSummary u : units) {
      if (u != plantedUnit && !(u.mean() < plantedUnit.mean())) {
        return false;
      }
    }
    return plantedUnit.ciLow() > 0
        && Math.abs(noiseUnit.mean()) < NOISE_SHARE * plantedUnit.mean();
  }

  private static UnitSummary find(List<UnitSummary> units, String name) {
    return units.stream().filter(u -> u.unit().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void plantedFeatureFirstAndNoiseNearZeroUnderPearsonAndMse() {
    for (Model model : List.of(Model.MLEM, Model.FRRSA_RIDGE)) {
      for (Scoring scoring : List.of(Scoring.PEARSON, Scoring.MSE)) {
        MlemAnalysis a = planted(model, scoring);
        List<UnitSummary> units = a.importanceSummary();
        assertTrue(plantedFirstNoiseNearZero(units), model.cliName() + " " + scoring.cliName()
            + ": " + units);
        assertEquals(scoring, a.scoring());
        if (scoring == Scoring.MSE) {
          assertTrue(a.score() > 0, "an MSE is positive");
        } else {
          assertTrue(a.score() > 0.5 && a.score() <= 1, "pearson " + a.score());
        }
      }
    }
  }

  @Test
  void trivialImportancesFailThePredicate() {
    double[] zeros = {0, 0, 0, 0};
    double[] equal = {0.3, 0.3, 0.3, 0.3};
    List<String> names = List.of("planted", "noise", "weak");
    List<UnitSummary> allZero = new ArrayList<>();
    List<UnitSummary> allEqual = new ArrayList<>();
    for (String name : names) {
      allZero.add(UnitSummary.of(name, zeros));
      allEqual.add(UnitSummary.of(name, equal));
    }
    assertFalse(plantedFirstNoiseNearZero(allZero), "a constant scorer's zeros must fail");
    assertFalse(plantedFirstNoiseNearZero(allEqual), "equal importances must fail");
  }

  @Test
  void everyModelWorksWithEveryScoring() {
    SimulatedProblem problem = SimulatedProblem.generate(60, 3, 8, 0.3, 2);
    for (Model model : Model.values()) {
      for (Scoring scoring : Scoring.values()) {
        for (ImportanceKind kind : ImportanceKind.values()) {
          MlemConfig config = MlemConfig.builder().seed(1).model(model)
              .interactions(model.defaultInteractions()).permutations(2).maxSteps(15)
              .patience(5).batchSize(400).evaluationBatches(1).importance(kind)
              .scoring(scoring).threads(1).build();
          String what = model.cliName() + " x " + scoring.cliName() + " x " + kind.cliName();
          if (model.isRidge() && kind == ImportanceKind.TERM) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mlem.with(config).analyze(problem.features(), problem.distances()), what);
            assertTrue(e.getMessage().contains("use stimulus-level importance"), what);
            continue;
          }
          MlemAnalysis a = Mlem.with(config).analyze(problem.features(), problem.distances());
          FoldResult fold = a.folds().get(0);
          assertEquals(scoring, fold.scores().scoring(), what);
          assertTrue(Double.isFinite(a.score()), what);
          assertTrue(a.importanceSummary().stream().allMatch(u -> Double.isFinite(u.mean())),
              what);
          switch (scoring) {
            case SPEARMAN -> assertEquals(a.spearman(), a.score(), 0.0, what);
            case PEARSON -> assertTrue(Math.abs(a.score()) <= 1, what);
            case MSE -> {
              assertTrue(a.score() >= 0, what);
              assertNotEquals(AffineCalibration.IDENTITY, fold.scores().calibration(), what);
            }
            default -> throw new AssertionError(scoring);
          }
          assertEquals(scoring.cliName(), a.provenance().config().get("scoring"), what);
        }
      }
    }
  }
}
