package org.mlem.core.importance;

import java.util.ArrayList;
import java.util.List;

/**
 * Combines the importances of the folds of one analysis into one summary per unit
 * (docs/method.md section 5). With K >= 2 folds each unit's summary is over its K per-fold means
 * (the mean of the fold's permutations): mean, sample standard deviation across folds and a
 * Student t interval with K - 1 degrees of freedom ({@link ImportanceInterval#FOLDS}); values
 * pooled over folds x permutations are not independent, so they are not pooled. With one split
 * the summary is over its P permutations ({@link ImportanceInterval#PERMUTATION_NOISE}).
 * Non-finite values (rounds whose score was undefined) are left out; a unit with no finite
 * value gets NaN.
 */
public final class FoldImportance {
  private FoldImportance() {}

  /**
   * The combined summary.
   *
   * @param units one summary per unit (term order), then "total:feature" if computed
   * @param interval what the intervals reflect
   */
  public record Combined(List<UnitSummary> units, ImportanceInterval interval) {
    /** Copies the list. */
    public Combined {
      units = List.copyOf(units);
    }
  }

  /** What the interval of {@code folds} fold results reflects. */
  public static ImportanceInterval interval(int folds) {
    return folds >= 2 ? ImportanceInterval.FOLDS : ImportanceInterval.PERMUTATION_NOISE;
  }

  /**
   * Combines the folds' results (all of the same kind and units, in fold order).
   *
   * @throws IllegalArgumentException when there is no result or the units differ
   */
  public static Combined combine(List<ImportanceResult> folds) {
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("no importance result to combine");
    }
    ImportanceResult first = folds.get(0);
    for (ImportanceResult r : folds) {
      if (!r.units().equals(first.units()) || r.hasTotals() != first.hasTotals()
          || r.kind() != first.kind()) {
        throw new IllegalArgumentException("the folds' importances differ in kind or units: "
            + first.kind().cliName() + " " + first.units() + " vs " + r.kind().cliName() + " "
            + r.units());
      }
    }
    List<UnitSummary> out = new ArrayList<>();
    for (int k = 0; k < first.units().size(); k++) {
      out.add(summarize(first.units().get(k), folds, k, false));
    }
    if (first.hasTotals()) {
      for (int a = 0; a < first.features().size(); a++) {
        out.add(summarize("total:" + first.features().get(a), folds, a, true));
      }
    }
    return new Combined(out, interval(folds.size()));
  }

  private static UnitSummary summarize(
      String unit, List<ImportanceResult> folds, int index, boolean total) {
    if (folds.size() == 1) {
      return finiteSummary(unit, values(folds.get(0), index, total));
    }
    double[] means = new double[folds.size()];
    for (int f = 0; f < means.length; f++) {
      means[f] = finiteMean(values(folds.get(f), index, total));
    }
    return finiteSummary(unit, means);
  }

  private static double[] values(ImportanceResult r, int index, boolean total) {
    double[] v = new double[r.permutations()];
    for (int p = 0; p < v.length; p++) {
      v[p] = total ? r.total(index, p) : r.value(index, p);
    }
    return v;
  }

  /** Mean of the finite values, NaN when there is none. */
  static double finiteMean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static UnitSummary finiteSummary(String unit, double[] values) {
    double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return new UnitSummary(unit, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return UnitSummary.of(unit, finite);
  }
}
