package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.mlem.core.importance.UnitSummary;

/**
 * Mean and sample standard deviation over seeds of every score, per model variant and noise
 * level: the evidence table of the simulation study (the paper's Figures 2a, 3a and S6 as
 * numbers). Means and deviations come from the core's {@link UnitSummary#of}; NaN weighted taus
 * (undefined for a constant profile) are left out of their mean.
 */
public final class SimulationSummary {
  private final List<Row> rows;

  private SimulationSummary(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * One line of the summary.
   *
   * @param variant the model and strength
   * @param noise the noise level
   * @param runs the number of runs (seeds)
   * @param frobenius distance to W*
   * @param steps training steps
   * @param spearman held-out Spearman
   * @param weightedTau importance profile against the noiseless one
   * @param seconds seconds per fit
   */
  public record Row(ModelVariant variant, double noise, int runs, UnitSummary frobenius,
      UnitSummary steps, UnitSummary spearman, UnitSummary weightedTau, UnitSummary seconds) {}

  /** Summarizes the runs per variant and noise level, in grid order. */
  public static SimulationSummary of(SimulationGrid grid, List<SimulationRun> runs) {
    Map<SimulationRun, Double> taus = SimulationTables.weightedTaus(runs);
    List<Row> rows = new ArrayList<>();
    for (ModelVariant variant : grid.variants()) {
      for (double noise : grid.noise()) {
        List<SimulationRun> group = new ArrayList<>();
        for (SimulationRun r : runs) {
          if (r.variant().equals(variant) && r.noise() == noise) {
            group.add(r);
          }
        }
        if (group.isEmpty()) {
          continue;
        }
        rows.add(new Row(variant, noise, group.size(),
            summary("frobenius", group, SimulationRun::frobenius),
            summary("steps", group, r -> r.outcome().steps()),
            summary("spearman", group, r -> r.outcome().spearman()),
            summary("weighted_tau", group, taus::get),
            summary("seconds", group, r -> r.outcome().seconds())));
      }
    }
    return new SimulationSummary(rows);
  }

  private static UnitSummary summary(
      String name, List<SimulationRun> group, ToDoubleFunction<SimulationRun> value) {
    double[] values = group.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
    return values.length == 0 ? new UnitSummary(name, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN) : UnitSummary.of(name, values);
  }

  /** The lines, variant-major then noise. */
  public List<Row> rows() {
    return rows;
  }

  /** The summary as a fixed-width text table (mean +- std). */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-8s %-13s %5s %4s  %-15s  %-15s  %-17s  %-15s%n",
        "model", "strength", "noise", "runs", "frobenius", "steps", "spearman",
        "weighted_tau"));
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%-8s %-13s %5s %4d  %-15s  %-15s  %-17s  %-15s%n",
          r.variant().modelName(), r.variant().strengthName(), Double.toString(r.noise()),
          r.runs(), pm(r.frobenius(), "%.3f"), pm(r.steps(), "%.0f"),
          pm(r.spearman(), "%.4f"), pm(r.weightedTau(), "%.3f")));
    }
    return sb.toString();
  }

  private static String pm(UnitSummary s, String format) {
    return String.format(Locale.ROOT, format + " +- " + format, s.mean(), s.std());
  }

  /** The lines as JSON-ready maps (for simulate.json). */
  public List<Map<String, Object>> toMaps() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", r.variant().modelName());
      m.put("strength", r.variant().strengthName());
      m.put("noise", r.noise());
      m.put("runs", r.runs());
      for (UnitSummary s : List.of(r.frobenius(), r.steps(), r.spearman(), r.weightedTau(),
          r.seconds())) {
        m.put(s.unit() + "_mean", finiteOrNull(s.mean()));
        m.put(s.unit() + "_std", finiteOrNull(s.std()));
      }
      out.add(m);
    }
    return out;
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
