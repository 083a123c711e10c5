package org.mlem.jobs.experiments;

import java.util.List;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.RunTable;

/**
 * The table of {@code mlem robustness} (the shared layout): {@code robustness} with columns
 * model, noise, seed, frobenius, weighted_tau, spearman, one row per model, level and seed.
 */
public final class RobustnessTables {
  private RobustnessTables() {}

  /** The table, rows in the given order. */
  public static RunTable of(List<RobustnessRow> rows) {
    RunTable.Builder t = RunTable.builder(OutputFiles.ROBUSTNESS).column("model", String.class)
        .column("noise", Double.class).column("seed", Integer.class)
        .column("frobenius", Double.class).column("weighted_tau", Double.class)
        .column("spearman", Double.class);
    for (RobustnessRow r : rows) {
      t.row(r.model().cliName(), r.noise(), r.seed(), r.frobenius(), r.weightedTau(),
          r.spearman());
    }
    return t.build();
  }
}
