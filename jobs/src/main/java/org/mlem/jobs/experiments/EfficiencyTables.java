package org.mlem.jobs.experiments;

import java.util.List;
import org.mlem.core.importance.UnitSummary;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.RunTable;

/**
 * The tables of {@code mlem efficiency}: {@code efficiency} (model, train_size, n_train, seed,
 * spearman, kendall_tau, weighted_tau; one row per model, size and seed) and
 * {@code efficiency_importance} (model, train_size, n_train, seed, unit, importance: each fit's
 * mean permutation importance per unit).
 */
public final class EfficiencyTables {
  private EfficiencyTables() {}

  /** The scores and agreements, rows in the given order. */
  public static RunTable scores(List<EfficiencyRow> rows) {
    RunTable.Builder t = RunTable.builder(OutputFiles.EFFICIENCY)
        .column("model", String.class).column("train_size", String.class)
        .column("n_train", Integer.class).column("seed", Integer.class)
        .column("spearman", Double.class).column("kendall_tau", Double.class)
        .column("weighted_tau", Double.class);
    for (EfficiencyRow r : rows) {
      t.row(r.model().cliName(), r.trainSizeText(), r.nTrain(), r.seed(), r.spearman(),
          r.kendallTau(), r.weightedTau());
    }
    return t.build();
  }

  /** The importance profiles, one row per fit and unit. */
  public static RunTable importances(List<EfficiencyRow> rows) {
    RunTable.Builder t = RunTable.builder(OutputFiles.EFFICIENCY_IMPORTANCE)
        .column("model", String.class).column("train_size", String.class)
        .column("n_train", Integer.class).column("seed", Integer.class)
        .column("unit", String.class).column("importance", Double.class);
    for (EfficiencyRow r : rows) {
      for (UnitSummary u : r.profile()) {
        t.row(r.model().cliName(), r.trainSizeText(), r.nTrain(), r.seed(), u.unit(), u.mean());
      }
    }
    return t.build();
  }
}
