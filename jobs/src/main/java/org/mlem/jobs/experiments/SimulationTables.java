package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.core.importance.UnitSummary;
import org.mlem.jobs.output.RunTable;

/**
 * The tables of {@code mlem simulate} (the shared layout): {@code runs} (model, strength,
 * noise, seed, frobenius, steps, best_step, spearman, seconds), {@code importance} (model,
 * strength, noise, seed, unit, mean) and {@code weighted_tau} (model, strength, noise, seed,
 * weighted_tau: the run's importance profile against the same model, strength and seed at
 * noise 0). Rows are ordered by variant (as given), then noise (as given), then seed.
 */
public final class SimulationTables {
  private SimulationTables() {}

  /** The runs in table order: variant, then noise level, then seed, as in the grid. */
  public static List<SimulationRun> ordered(SimulationGrid grid, List<SimulationRun> runs) {
    List<SimulationRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.<SimulationRun>comparingInt(r -> grid.variants().indexOf(r.variant()))
        .thenComparingInt(r -> grid.noise().indexOf(r.noise()))
        .thenComparingInt(SimulationRun::seed));
    return sorted;
  }

  /** The three tables, in the order runs, importance, weighted_tau. */
  public static List<RunTable> of(SimulationGrid grid, List<SimulationRun> runs) {
    List<SimulationRun> sorted = ordered(grid, runs);
    return List.of(runs(sorted), importance(sorted), weightedTau(sorted));
  }

  private static RunTable runs(List<SimulationRun> runs) {
    RunTable.Builder t = keyColumns(RunTable.builder(OutputFiles.SIMULATION_RUNS))
        .column("frobenius", Double.class).column("steps", Integer.class)
        .column("best_step", Integer.class).column("spearman", Double.class)
        .column("seconds", Double.class);
    for (SimulationRun r : runs) {
      t.row(r.variant().modelName(), r.variant().strengthName(), r.noise(), r.seed(),
          r.frobenius(), r.outcome().steps(), r.outcome().bestStep(), r.outcome().spearman(),
          r.outcome().seconds());
    }
    return t.build();
  }

  private static RunTable importance(List<SimulationRun> runs) {
    RunTable.Builder t = keyColumns(RunTable.builder(OutputFiles.SIMULATION_IMPORTANCE))
        .column("unit", String.class).column("mean", Double.class);
    for (SimulationRun r : runs) {
      for (UnitSummary u : r.outcome().profile()) {
        t.row(r.variant().modelName(), r.variant().strengthName(), r.noise(), r.seed(),
            u.unit(), u.mean());
      }
    }
    return t.build();
  }

  private static RunTable weightedTau(List<SimulationRun> runs) {
    RunTable.Builder t = keyColumns(RunTable.builder(OutputFiles.WEIGHTED_TAU))
        .column("weighted_tau", Double.class);
    Map<SimulationRun, Double> taus = weightedTaus(runs);
    for (SimulationRun r : runs) {
      t.row(r.variant().modelName(), r.variant().strengthName(), r.noise(), r.seed(),
          taus.get(r));
    }
    return t.build();
  }

  /**
   * The weighted tau of every run's importance profile against the run with the same model,
   * strength and seed at noise 0 (NaN where undefined), by run identity.
   */
  public static Map<SimulationRun, Double> weightedTaus(List<SimulationRun> runs) {
    Map<String, SimulationRun> noiseless = new HashMap<>();
    for (SimulationRun r : runs) {
      if (r.noise() == 0) {
        noiseless.put(referenceKey(r), r);
      }
    }
    Map<SimulationRun, Double> out = new IdentityHashMap<>();
    for (SimulationRun r : runs) {
      out.put(r, ProfileComparison.weightedTau(r.outcome().profile(),
          noiseless.get(referenceKey(r)).outcome().profile()));
    }
    return out;
  }

  private static String referenceKey(SimulationRun r) {
    return r.variant().modelName() + "|" + r.variant().strengthName() + "|" + r.seed();
  }

  private static RunTable.Builder keyColumns(RunTable.Builder t) {
    return t.column("model", String.class).column("strength", String.class)
        .column("noise", Double.class).column("seed", Integer.class);
  }
}
