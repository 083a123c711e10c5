package org.mlem.jobs.output;

import java.util.List;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.train.TrainingHistory;

/**
 * The tidy tables of a run, read off an {@link MlemAnalysis} without any computation of our own:
 * {@code weights} (row, column, weight), {@code importance} (fold, unit, permutation,
 * importance, baseline, kind, scoring; totals as units "total:feature"; baseline is the round's
 * unpermuted score, for mse the MSE), {@code importance_summary} (unit, mean, std, ci_low,
 * ci_high, kind, interval, scoring), {@code scores} (fold, spearman, rho_a, tau_a, scoring,
 * score, plus fold "mean" with the core's Fisher-z averages, the plain mean for an mse score)
 * and {@code history} (fold, step, score, seconds).
 *
 * <p>{@code kind} says which importance a row is: "stimulus" (default; a feature's row is its
 * main effect, the drop of held-out Spearman when its values are shuffled across held-out
 * stimuli, and "a:b" the interaction effect S_a + S_b - S_ab - S0) or "term" (the paper's: one
 * term of W shuffled across held-out pairs). {@code interval} says what ci_low..ci_high is:
 * "across folds" (Student t, K - 1 degrees of freedom, over the K per-fold means) or
 * "permutation noise only" (one split: t over its P permutations, given one fitted W). A value
 * is NaN where its held-out score was undefined (constant predicted or neural distances; run.json
 * warns naming the fold).
 */
public final class RunTables {
  /** Name of the fold column's row holding the Fisher-z averages in {@code scores}. */
  public static final String MEAN_FOLD = "mean";

  private RunTables() {}

  /** Every table, in the order above. */
  public static List<RunTable> of(MlemAnalysis analysis) {
    return List.of(weights(analysis), importance(analysis), importanceSummary(analysis),
        scores(analysis), history(analysis));
  }

  /** W as tidy rows (row feature, column feature, weight), row-major. */
  public static RunTable weights(MlemAnalysis analysis) {
    RunTable.Builder t = RunTable.builder(OutputFiles.WEIGHTS)
        .column("row", String.class).column("column", String.class)
        .column("weight", Double.class);
    List<String> names = analysis.featureNames();
    double[][] w = analysis.weights();
    for (int a = 0; a < names.size(); a++) {
      for (int b = 0; b < names.size(); b++) {
        t.row(names.get(a), names.get(b), w[a][b]);
      }
    }
    return t.build();
  }

  /** Every (fold, unit, permutation) importance with its round's baseline Spearman. */
  public static RunTable importance(MlemAnalysis analysis) {
    RunTable.Builder t = RunTable.builder(OutputFiles.IMPORTANCE)
        .column("fold", Integer.class).column("unit", String.class)
        .column("permutation", Integer.class).column("importance", Double.class)
        .column("baseline", Double.class).column("kind", String.class)
        .column("scoring", String.class);
    Scoring scoring = analysis.scoring();
    String scoringName = scoring.cliName();
    for (FoldResult fold : analysis.folds()) {
      if (fold.importance().isEmpty()) {
        continue;
      }
      ImportanceResult r = fold.importance().get();
      double[] baselines = r.baselines();
      for (int u = 0; u < r.units().size(); u++) {
        for (int p = 0; p < r.permutations(); p++) {
          t.row(fold.fold(), r.units().get(u), p, r.value(u, p),
              scoring.reported(baselines[p]), r.kind().cliName(), scoringName);
        }
      }
      if (r.hasTotals()) {
        for (int f = 0; f < r.features().size(); f++) {
          for (int p = 0; p < r.permutations(); p++) {
            t.row(fold.fold(), "total:" + r.features().get(f), p, r.total(f, p),
                scoring.reported(baselines[p]), r.kind().cliName(), scoringName);
          }
        }
      }
    }
    return t.build();
  }

  /** The core's summary per unit, combined across folds, with its kind and interval basis. */
  public static RunTable importanceSummary(MlemAnalysis analysis) {
    RunTable.Builder t = RunTable.builder(OutputFiles.IMPORTANCE_SUMMARY)
        .column("unit", String.class).column("mean", Double.class).column("std", Double.class)
        .column("ci_low", Double.class).column("ci_high", Double.class)
        .column("kind", String.class).column("interval", String.class)
        .column("scoring", String.class);
    String kind = analysis.importanceKind().cliName();
    String interval = analysis.importanceInterval().label();
    String scoring = analysis.scoring().cliName();
    for (UnitSummary u : analysis.importanceSummary()) {
      t.row(u.unit(), u.mean(), u.std(), u.ciLow(), u.ciHigh(), kind, interval, scoring);
    }
    return t.build();
  }

  /**
   * Held-out scores per fold, then the row "mean" (Fisher-z averages over folds; for the mse
   * score the plain mean), with the configured scoring and its score.
   */
  public static RunTable scores(MlemAnalysis analysis) {
    RunTable.Builder t = RunTable.builder(OutputFiles.SCORES)
        .column("fold", String.class).column("spearman", Double.class)
        .column("rho_a", Double.class).column("tau_a", Double.class)
        .column("scoring", String.class).column("score", Double.class);
    String scoring = analysis.scoring().cliName();
    for (FoldResult fold : analysis.folds()) {
      t.row(Integer.toString(fold.fold()), fold.scores().spearman(), fold.scores().rhoA(),
          fold.scores().tauA(), scoring, fold.scores().score());
    }
    t.row(MEAN_FOLD, analysis.spearman(), analysis.rhoA(), analysis.tauA(), scoring,
        analysis.score());
    return t.build();
  }

  /**
   * The training curve of every fold: the training batch's score, the seconds elapsed and the
   * validation batch's score early stopping watched (NaN with {@code --stopping training}).
   */
  public static RunTable history(MlemAnalysis analysis) {
    RunTable.Builder t = RunTable.builder(OutputFiles.HISTORY)
        .column("fold", Integer.class).column("step", Integer.class)
        .column("score", Double.class).column("seconds", Double.class)
        .column("validation_score", Double.class);
    for (FoldResult fold : analysis.folds()) {
      TrainingHistory h = fold.metric().history();
      double[] validation = h.validationScores();
      for (int s = 0; s < h.steps(); s++) {
        t.row(fold.fold(), s, h.score(s), h.seconds(s),
            h.hasValidation() ? validation[s] : Double.NaN);
      }
    }
    return t.build();
  }
}
