package org.mlem.core.cli;

import java.util.List;
import java.util.Locale;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.metric.Model;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.core.stats.Frobenius;
import org.mlem.core.train.TrainingConfig;
import org.mlem.core.train.TrainingProgress;

/**
 * A small end-to-end run on simulated data with a known ground truth (the paper's section
 * 2.5.1): generates binary features and representations from a random SPD metric W*, fits MLEM
 * with interactions, and prints the training progress, held-out scores, the importance of every
 * unit and the distance of the learned W to W*. Arguments (optional): {@code stimuli features
 * dims noise seed strength model}, e.g. {@code 1000 6 64 0 1 relative:1.0 mlem}.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demonstration; see the class comment for the arguments. */
  public static void main(String[] args) {
    int stimuli = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int featureCount = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int dims = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    double noise = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
    SoftRankStrength strength =
        args.length > 5 ? SoftRankStrength.parse(args[5]) : TrainingConfig.DEFAULT_STRENGTH;
    Model model = args.length > 6 ? Model.parse(args[6]) : Model.MLEM;

    System.out.printf(Locale.ROOT,
        "MLEM demo: %d simulated stimuli, %d binary features, %d dims, noise %.2f, seed %d%n",
        stimuli, featureCount, dims, noise, seed);
    SyntheticDataset dataset = SimulationStudy.generate(stimuli, featureCount, dims, noise, seed);
    EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(dataset));
    RepresentationDistances distances = new RepresentationDistances(
        SyntheticTables.representations(dataset), NeuralDistance.EUCLIDEAN);
    MlemConfig config = MlemConfig.builder().seed(seed).strength(strength).model(model)
        .interactions(model.defaultInteractions()).build();
    TrainingProgress progress = (step, score, best, since) -> {
      if (step % 25 == 0) {
        System.out.printf(Locale.ROOT, "  step %4d  score %.4f  best %.4f  patience %d/%d%n",
            step, score, best, since, config.training().patience());
      }
    };
    MlemAnalysis result = Mlem.with(config).analyze(features, distances, progress);
    FoldResult fold = result.folds().get(0);
    System.out.printf(Locale.ROOT,
        "batch size %d; %d steps (best step %d, training score %.4f)%n",
        result.provenance().batchSize(), fold.metric().steps(), fold.metric().bestStep(),
        fold.metric().bestScore());
    System.out.printf(Locale.ROOT, "held-out: Spearman %.4f  rho-a %.4f  tau-a %.4f%n",
        result.spearman(), result.rhoA(), result.tauA());
    System.out.println("learned W (unit Frobenius norm):");
    printMatrix(result.featureNames(), result.weights());
    System.out.println("ground-truth W*:");
    printMatrix(result.featureNames(), dataset.trueWeights());
    System.out.printf(Locale.ROOT, "Frobenius distance to W*: %.4f%n",
        Frobenius.distance(result.weights(), dataset.trueWeights()));
    System.out.println("permutation importance (mean, 95% interval):");
    for (UnitSummary u : result.importanceSummary()) {
      System.out.printf(Locale.ROOT, "  %-12s %8.4f  [%8.4f, %8.4f]%n",
          u.unit(), u.mean(), u.ciLow(), u.ciHigh());
    }
  }

  private static void printMatrix(List<String> names, double[][] m) {
    for (int a = 0; a < m.length; a++) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-6s", names.get(a)));
      for (double v : m[a]) {
        sb.append(String.format(Locale.ROOT, " %8.4f", v));
      }
      System.out.println(sb);
    }
  }
}
