package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.metric.Model;
import org.mlem.core.pairs.PositionalRandom;

/**
 * Sample efficiency (the paper's data-efficiency claim, issue "analyses next to MLEM"): each
 * model is refitted with its training stimuli subsampled to each size, for seeds 1..K, always on
 * the same test stimuli, and each fit is compared with the same model's full-size fit of the
 * same seed: held-out Spearman, and the agreement of the importance profiles (Kendall tau-b and
 * weighted tau, units matched by name).
 *
 * <p>Seed s sets the fit's run seed to {@code PositionalRandom.mix(runSeed, stream, s)}: it
 * draws the training subsample (the core's {@code train-size}) and the fit's own randomness
 * (batches, permutations). The splits themselves are held fixed by the caller (the {@link
 * Fitter} fits every configuration on the same splits), so the test stimuli are identical across
 * sizes and seeds. At size {@link #ALL} the fit is the full-size reference itself: agreement 1.
 * Fits run in parallel on {@code threads} workers, one core thread each; results do not depend
 * on the thread count.
 */
public final class EfficiencyStudy {
  /** The train size meaning every training stimulus. */
  public static final int ALL = 0;
  /** The stream of the seeds (package-visible for tests). */
  static final long SEED_STREAM = 0xEFF1_C1E7L;

  private final MlemConfig base;
  private final List<Integer> sizes;
  private final int seeds;
  private final List<Model> models;
  private final int threads;

  /**
   * @param base the fit configuration (model, seed, train size and threads are overridden);
   *     permutations must be > 0 (profiles are compared)
   * @param sizes train sizes, distinct, each {@link #ALL} or >= 4; reordered ascending, all last
   * @param seeds seeds 1..K, K >= 1
   * @param models the models compared, distinct, at least one
   * @param threads worker threads, >= 1
   * @throws IllegalArgumentException naming the option on a bad value
   */
  public EfficiencyStudy(
      MlemConfig base, List<Integer> sizes, int seeds, List<Model> models, int threads) {
    this.base = base;
    List<Integer> sorted = new ArrayList<>(sizes);
    sorted.sort(Comparator.comparingInt(v -> v == ALL ? Integer.MAX_VALUE : v));
    this.sizes = List.copyOf(sorted);
    this.seeds = seeds;
    this.models = List.copyOf(models);
    this.threads = threads;
    if (this.sizes.isEmpty()) {
      throw new IllegalArgumentException("--train-sizes must list at least one size");
    }
    if (new HashSet<>(this.sizes).size() != this.sizes.size()) {
      throw new IllegalArgumentException("--train-sizes lists a size twice: " + sizes);
    }
    for (int size : this.sizes) {
      if (size != ALL && size < MlemOptions.MINIMUM_TRAIN_SIZE) {
        throw new IllegalArgumentException("--train-sizes must be all or >= "
            + MlemOptions.MINIMUM_TRAIN_SIZE + ", found " + size);
      }
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, found " + seeds);
    }
    if (this.models.isEmpty() || new HashSet<>(this.models).size() != this.models.size()) {
      throw new IllegalArgumentException(
          "--models must name at least one model, each once, found " + models);
    }
    if (base.permutations() == 0) {
      throw new IllegalArgumentException("--permutations 0 skips importance, but efficiency "
          + "compares importance profiles: give --permutations >= 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, found " + threads);
    }
  }

  /** The same study on another base configuration (e.g. with the batch size settled). */
  public EfficiencyStudy withBase(MlemConfig other) {
    return new EfficiencyStudy(other, sizes, seeds, models, threads);
  }

  /** Fits one configuration on the study's fixed splits. */
  @FunctionalInterface
  public interface Fitter {
    /**
     * @param config the fit's configuration (the study's, with model, seed, train size and
     *     threads set)
     * @return the analysis
     */
    MlemAnalysis fit(MlemConfig config);
  }

  /** One fit to run. */
  private record Task(Model model, int size, int seed) {}

  /** The sizes, ascending, all last. */
  public List<Integer> sizes() {
    return sizes;
  }

  /** Every fit the study makes (the full-size references included). */
  public int fits() {
    return models.size() * seeds * (sizes.contains(ALL) ? sizes.size() : sizes.size() + 1);
  }

  /**
   * Refuses sizes above the training stimuli of the fixed splits.
   *
   * @param smallestTrain the fewest training stimuli of a split
   * @throws IllegalArgumentException naming the size and the count
   */
  public void requireSizesAtMost(int smallestTrain) {
    for (int size : sizes) {
      if (size > smallestTrain) {
        throw new IllegalArgumentException("--train-sizes " + size + " exceeds the "
            + smallestTrain + " training stimuli of the split; give sizes up to "
            + smallestTrain + " (or all)");
      }
    }
  }

  /**
   * Runs every fit and compares each with its model's full-size fit of the same seed.
   *
   * @param fitter makes each fit (called from {@code threads} threads at once)
   * @param progress one line per finished fit, "[done/total] ..." (serialized)
   * @return one row per model, size and seed, in that order (sizes ascending, all last)
   */
  public List<EfficiencyRow> run(Fitter fitter, Consumer<String> progress) {
    List<Task> tasks = new ArrayList<>();
    for (Model model : models) {
      for (int seed = 1; seed <= seeds; seed++) {
        tasks.add(new Task(model, ALL, seed));
        for (int size : sizes) {
          if (size != ALL) {
            tasks.add(new Task(model, size, seed));
          }
        }
      }
    }
    AtomicInteger done = new AtomicInteger();
    Object lock = new Object();
    List<MlemAnalysis> analyses = ParallelRuns.run(tasks.size(), threads, i -> {
      Task task = tasks.get(i);
      MlemConfig config = new ModelVariant(task.model(), base.training().strength())
          .configure(base.toBuilder().threads(1).seed(seedOf(task.seed()))
              .trainSize(task.size()).build());
      long t0 = System.nanoTime();
      MlemAnalysis analysis = fitter.fit(config);
      double seconds = (System.nanoTime() - t0) / 1e9;
      synchronized (lock) {
        progress.accept(String.format(Locale.ROOT,
            "[%d/%d] %-13s train size %-5s seed %d: %d training stimuli, spearman %.4f, %.1f s",
            done.incrementAndGet(), tasks.size(), task.model().cliName(),
            task.size() == ALL ? "all" : Integer.toString(task.size()), task.seed(),
            analysis.folds().get(0).trainStimuli(), analysis.spearman(), seconds));
      }
      return analysis;
    });
    List<EfficiencyRow> rows = new ArrayList<>();
    for (Model model : models) {
      for (int size : sizes) {
        for (int seed = 1; seed <= seeds; seed++) {
          FitOutcome reference = FitOutcome.of(
              analyses.get(tasks.indexOf(new Task(model, ALL, seed))), 0);
          MlemAnalysis analysis = analyses.get(tasks.indexOf(new Task(model, size, seed)));
          FitOutcome fit = FitOutcome.of(analysis, 0);
          rows.add(new EfficiencyRow(model, size, analysis.folds().get(0).trainStimuli(), seed,
              fit.spearman(), ProfileComparison.kendallTau(fit.profile(), reference.profile()),
              ProfileComparison.weightedTau(fit.profile(), reference.profile()),
              fit.profile()));
        }
      }
    }
    return rows;
  }

  /** The run seed of study seed s. */
  long seedOf(int s) {
    return PositionalRandom.mix(base.training().seed(), SEED_STREAM, s);
  }

  /** The settings as JSON-ready values (for efficiency.json). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train_sizes", sizes.stream().map(v -> v == ALL ? "all" : Integer.toString(v))
        .toList());
    m.put("seeds", seeds);
    m.put("models", models.stream().map(Model::cliName).toList());
    m.put("threads", threads);
    m.put("seed_stream", "PositionalRandom.mix(seed, 0xEFF1C1E7, study seed)");
    m.put("reference", "the same model's fit of the same seed on every training stimulus");
    return m;
  }
}
