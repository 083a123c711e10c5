package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.Representations;
import org.mlem.core.metric.Model;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.sim.NoiseInjection;
import org.mlem.core.stats.Frobenius;

/**
 * The paper's Figure 2b on the user's own data: Gaussian noise at increasing levels is added to
 * the representations ({@link NoiseInjection#addGaussian}, scaled by each dimension's standard
 * deviation), each model is refitted, and its W and importance profile are compared with the
 * same model's noiseless fit (Frobenius distance, weighted tau).
 *
 * <p>Every fit is made by the given {@link Fitter} (the CLI's is the fit job, so each fit is
 * placed and run as {@code mlem fit} runs it) with the given configuration (its run seed, split,
 * strength, permutations) and the model set, one core thread per fit, fits in parallel on
 * {@code threads} workers. Only the
 * noise changes between a model's fits, so the distances measure the effect of noise alone. The
 * noise of seed s is drawn from {@code PositionalRandom.mix(runSeed, stream, s)} and does not
 * depend on the level (the same draw, scaled), as in the simulation study. At level 0 the noisy
 * data equal the original, and the fit is the noiseless one (distance 0, weighted tau 1).
 */
public final class RobustnessStudy {
  /** The stream of the noise seeds (package-visible for tests). */
  static final long NOISE_STREAM = 0x2B0B_0057L;

  private final MlemConfig base;
  private final List<Double> noise;
  private final int seeds;
  private final List<Model> models;
  private final int threads;

  /**
   * @param base the fit configuration (model and threads are overridden)
   * @param noise noise levels, distinct, finite, >= 0, at least one
   * @param seeds noise seeds 1..K, K >= 1
   * @param models the models compared, distinct, at least one
   * @param threads worker threads, >= 1
   * @throws IllegalArgumentException naming the option on a bad value
   */
  public RobustnessStudy(
      MlemConfig base, List<Double> noise, int seeds, List<Model> models, int threads) {
    this.base = base;
    this.noise = List.copyOf(noise);
    this.seeds = seeds;
    this.models = List.copyOf(models);
    this.threads = threads;
    if (this.noise.isEmpty()) {
      throw new IllegalArgumentException("--noise must list at least one level");
    }
    Set<Double> seen = new HashSet<>();
    for (double level : this.noise) {
      if (!Double.isFinite(level) || level < 0) {
        throw new IllegalArgumentException(
            "--noise levels must be finite and >= 0, found " + level);
      }
      if (!seen.add(level)) {
        throw new IllegalArgumentException("--noise lists the level " + level + " twice");
      }
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, found " + seeds);
    }
    if (this.models.isEmpty() || new HashSet<>(this.models).size() != this.models.size()) {
      throw new IllegalArgumentException(
          "--models must name at least one model, each once, found " + models);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, found " + threads);
    }
  }

  /** Fits one configuration on one copy of the representations (noisy or not). */
  @FunctionalInterface
  public interface Fitter {
    /**
     * @param config the fit's configuration (the study's, with the model and threads set)
     * @param representations the representations, in the features' order
     * @return the analysis
     */
    MlemAnalysis fit(MlemConfig config, Representations representations);
  }

  /** One fit to run: a model on data with noise (level, seed), or the noiseless reference. */
  private record Task(Model model, double noise, int seed) {
    boolean reference() {
      return noise == 0;
    }
  }

  /**
   * Runs every fit and compares each with its model's noiseless fit.
   *
   * @param representations the noiseless representations, in the features' order
   * @param fitter makes each fit (called from {@code threads} threads at once)
   * @param progress one line per finished fit (serialized)
   * @return one row per model, level and seed, ordered by model, level, seed
   */
  public List<RobustnessRow> run(Representations representations, Fitter fitter,
      Consumer<String> progress) {
    List<Task> tasks = new ArrayList<>();
    for (Model model : models) {
      tasks.add(new Task(model, 0.0, 0));
      for (double level : noise) {
        if (level == 0) {
          continue;
        }
        for (int seed = 1; seed <= seeds; seed++) {
          tasks.add(new Task(model, level, seed));
        }
      }
    }
    AtomicInteger done = new AtomicInteger();
    Object lock = new Object();
    List<FitOutcome> outcomes = ParallelRuns.run(tasks.size(), threads, i -> {
      Task task = tasks.get(i);
      Representations data = task.reference() ? representations : noisy(representations, task);
      MlemConfig config = new ModelVariant(task.model(), base.training().strength())
          .configure(base.toBuilder().threads(1).build());
      long t0 = System.nanoTime();
      FitOutcome outcome = FitOutcome.of(fitter.fit(config, data),
          (System.nanoTime() - t0) / 1e9);
      synchronized (lock) {
        progress.accept(String.format(Locale.ROOT,
            "[%d/%d] %-7s %s: steps %d, spearman %.4f, %.1f s", done.incrementAndGet(),
            tasks.size(), task.model().cliName(), task.reference() ? "noiseless"
                : "noise " + task.noise() + " seed " + task.seed(),
            outcome.steps(), outcome.spearman(), outcome.seconds()));
      }
      return outcome;
    });
    List<RobustnessRow> rows = new ArrayList<>();
    for (Model model : models) {
      FitOutcome reference = outcomes.get(indexOf(tasks, model, 0.0, 0));
      for (double level : noise) {
        for (int seed = 1; seed <= seeds; seed++) {
          FitOutcome fit = level == 0 ? reference
              : outcomes.get(indexOf(tasks, model, level, seed));
          rows.add(new RobustnessRow(model, level, seed,
              Frobenius.distance(fit.weights(), reference.weights()),
              ProfileComparison.weightedTau(fit.profile(), reference.profile()),
              fit.spearman()));
        }
      }
    }
    return rows;
  }

  private Representations noisy(Representations clean, Task task) {
    long seed = PositionalRandom.mix(base.training().seed(), NOISE_STREAM, task.seed());
    float[] values = NoiseInjection.addGaussian(clean.data(), clean.size(), clean.dims(),
        task.noise(), seed);
    return Representations.of(clean.ids(), values, clean.dims());
  }

  private static int indexOf(List<Task> tasks, Model model, double level, int seed) {
    return tasks.indexOf(new Task(model, level, seed));
  }

  /** The settings as JSON-ready values (for robustness.json). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("noise", noise);
    m.put("seeds", seeds);
    m.put("models", models.stream().map(Model::cliName).toList());
    m.put("threads", threads);
    m.put("noise_stream", "PositionalRandom.mix(seed, 0x2B0B0057, noise seed)");
    return m;
  }
}
