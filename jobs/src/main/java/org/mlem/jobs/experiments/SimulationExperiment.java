package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.core.stats.Frobenius;

/**
 * Runs the simulation study's grid in-process: for each noise level and seed one dataset from
 * {@link SimulationStudy#generate} (shared by every model variant), and on it each variant
 * fitted by the core engine with an 80/20 split, seed = the dataset's seed, one thread per fit.
 * Datasets are processed in parallel on {@code threads} workers; results come back in grid order
 * (noise, seed, variant), identical for every thread count except the seconds.
 */
public final class SimulationExperiment {
  private final SimulationGrid grid;
  private final int threads;

  /**
   * @param grid the grid
   * @param threads worker threads, >= 1
   */
  public SimulationExperiment(SimulationGrid grid, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, found " + threads);
    }
    this.grid = grid;
    this.threads = threads;
  }

  /**
   * Runs every fit of the grid.
   *
   * @param progress receives one line per finished fit (called from worker threads, serialized)
   * @return the runs in grid order
   */
  public List<SimulationRun> run(Consumer<String> progress) {
    List<SimulationGrid.DatasetKey> datasets = grid.datasets();
    AtomicInteger done = new AtomicInteger();
    int total = grid.runCount();
    Object lock = new Object();
    List<List<SimulationRun>> perDataset = ParallelRuns.run(datasets.size(), threads, i -> {
      SimulationGrid.DatasetKey key = datasets.get(i);
      SyntheticDataset data = SimulationStudy.generate(
          grid.stimuli(), grid.features(), grid.dims(), key.noise(), key.seed());
      EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(data));
      RepresentationDistances distances = new RepresentationDistances(
          SyntheticTables.representations(data), NeuralDistance.EUCLIDEAN);
      List<SimulationRun> runs = new ArrayList<>();
      for (ModelVariant variant : grid.variants()) {
        MlemConfig config = grid.fitConfig(variant, key.seed());
        long t0 = System.nanoTime();
        FitOutcome outcome = FitOutcome.of(Mlem.with(config).analyze(features, distances),
            (System.nanoTime() - t0) / 1e9);
        double frobenius = Frobenius.distance(outcome.weights(), data.trueWeights());
        SimulationRun run = new SimulationRun(variant, key.noise(), key.seed(), frobenius, outcome);
        runs.add(run);
        synchronized (lock) {
          progress.accept(String.format(Locale.ROOT,
              "[%d/%d] %-7s %-13s noise %-4s seed %d: frobenius %.3f, steps %d (best %d), "
                  + "spearman %.4f, %.1f s",
              done.incrementAndGet(), total, variant.modelName(), variant.strengthName(),
              Double.toString(key.noise()), key.seed(), frobenius, outcome.steps(),
              outcome.bestStep(), outcome.spearman(), outcome.seconds()));
        }
      }
      return runs;
    });
    List<SimulationRun> all = new ArrayList<>(total);
    perDataset.forEach(all::addAll);
    return all;
  }
}
