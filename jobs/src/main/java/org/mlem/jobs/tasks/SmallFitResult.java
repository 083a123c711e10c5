package org.mlem.jobs.tasks;

import java.io.Serializable;
import java.util.List;
import org.mlem.core.importance.UnitSummary;

/**
 * What one small fit gives back to the driver: its status ("ok" or "failed" with the reason),
 * held-out scores, steps per fold and each importance unit's mean and interval. Small by design:
 * the driver collects tens of thousands of them.
 *
 * @param name the set's name
 * @param columns how many columns (voxels) the set had
 * @param ok whether the fit succeeded
 * @param reason why it failed (null when ok)
 * @param spearman held-out Spearman (NaN when failed)
 * @param steps the training steps of each fold
 * @param units the importance units in the run's order (empty when failed or no permutations)
 * @param mean each unit's mean importance
 * @param ciLow each unit's interval's lower end
 * @param ciHigh each unit's interval's upper end
 */
public record SmallFitResult(String name, int columns, boolean ok, String reason,
    double spearman, int[] steps, String[] units, double[] mean, double[] ciLow,
    double[] ciHigh) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A successful fit's result. */
  static SmallFitResult ok(String name, int columns, double spearman, int[] steps,
      List<UnitSummary> summary) {
    int u = summary.size();
    String[] units = new String[u];
    double[] mean = new double[u];
    double[] low = new double[u];
    double[] high = new double[u];
    for (int k = 0; k < u; k++) {
      UnitSummary s = summary.get(k);
      units[k] = s.unit();
      mean[k] = s.mean();
      low[k] = s.ciLow();
      high[k] = s.ciHigh();
    }
    return new SmallFitResult(name, columns, true, null, spearman, steps, units, mean, low, high);
  }

  /** A failed fit's result (degenerate input: e.g. constant voxels, too few valid pairs). */
  static SmallFitResult failed(String name, int columns, String reason) {
    return new SmallFitResult(name, columns, false, reason, Double.NaN, new int[0],
        new String[0], new double[0], new double[0], new double[0]);
  }
}
