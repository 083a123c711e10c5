package org.mlem.jobs.fit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.jobs.io.InputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.output.BatchSizeWarnings;
import org.mlem.jobs.output.RunDirectoryWriter;
import org.mlem.jobs.output.RunOutput;
import org.mlem.jobs.report.FitReport;
import org.mlem.jobs.spark.PartitionedPairSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.mlem.jobs.spark.SparkPairSourceFactory;

/**
 * One fit on Spark: loads and validates the inputs ({@link InputLoader}, or distributed for the
 * partitioned placement, see {@link FitSources}), runs the core analysis with Spark-backed pair
 * sources ({@link SparkPairSourceFactory} or {@link PartitionedPairSourceFactory}) while printing
 * progress, writes the run directory ({@link RunDirectoryWriter}) and prints a short summary.
 * No maths here.
 */
public final class FitJob {
  /** What {@code run.json} records as the placement of an in-process fit. */
  public static final String IN_PROCESS = "in-process";
  /** What {@code run.json} records as the placement of a sweep's set fitted in a Spark task. */
  public static final String IN_TASK = "task";
  private static final int TOP_UNITS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(FitJob.class);

  private FitJob() {}

  /**
   * Runs the fit.
   *
   * @param spark the session
   * @param s validated settings (inputs and output already checked)
   * @param out the console
   * @return the analysis that was written
   * @throws InputException on bad input
   */
  public static MlemAnalysis run(SparkSession spark, FitSettings s, PrintWriter out) {
    return run(spark, s, out, true);
  }

  /**
   * Runs the fit, then writes {@code DIR/report.html} unless {@code report} is false (a report
   * that cannot be written is a warning: the run directory is complete without it).
   */
  public static MlemAnalysis run(
      SparkSession spark, FitSettings s, PrintWriter out, boolean report) {
    ConsoleProgress progress = progress(s, out);
    Map<String, Double> timings = new LinkedHashMap<>();
    progress.phase(loadingLine(s));
    long t0 = System.nanoTime();
    try (FitSources loaded = FitSources.open(spark, s)) {
      timings.put("load", seconds(t0));
      Placed placed = new Placed(loaded.placement().cliName(), loaded.dims(), loaded.files(),
          loaded.warnings(), loaded.idJoin());
      ChosenSplit chosen = ChosenSplit.of(s, loaded.features(), s.split().read(spark,
          spark.sparkContext().hadoopConfiguration(), s.features()));
      placed = placed.with(chosen);
      describe(progress, loaded.features(), placed);
      describe(progress, s, chosen);
      long t1 = System.nanoTime();
      MlemAnalysis analysis = chosen.mlem().analyze(loaded.features(), loaded.factory(),
          training(s, out, chosen, loaded.features().size()), loaded.features().size());
      timings.put("analysis", seconds(t1));
      progress.phase("writing " + s.out());
      writeRun(new RunDirectoryWriter(spark), spark.sparkContext().master(), s, timings, placed,
          analysis, recorded(chosen), w -> progress.phase("warning: " + w));
      printSummary(out, analysis, s.out());
      if (report) {
        writeReport(spark.sparkContext().hadoopConfiguration(), s.out(), out);
      }
      return analysis;
    }
  }

  /**
   * Runs the fit with the core engine in this JVM, without a Spark session (the in-process
   * {@link Engine}), when the inputs can be read on the driver without Spark
   * ({@link InputLoader#loadWithoutSpark}); the analysis, the run directory and the console are
   * those of {@link #run}, placement recorded as {@code in-process}.
   *
   * @param conf resolves the paths (a plain Hadoop configuration)
   * @param budgetBytes the largest representation matrix (n x D x 4 bytes) fitted in process
   * @return the analysis, or empty (nothing printed or written) when the inputs need Spark or
   *     exceed the budget
   * @throws InputException on bad input
   */
  public static Optional<MlemAnalysis> runInProcess(
      Configuration conf, FitSettings s, PrintWriter out, boolean report, long budgetBytes) {
    long t0 = System.nanoTime();
    Optional<LoadedInputs> read = InputLoader.loadWithoutSpark(
        conf, s.features(), s.representations(), s.idsFrom(), budgetBytes);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    LoadedInputs loaded = read.get();
    if (loaded.matrixBytes() > budgetBytes) {
      return Optional.empty();
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("load", seconds(t0));
    ConsoleProgress progress = progress(s, out);
    progress.phase(loadingLine(s));
    Integer dims = loaded.representations().dims();
    ChosenSplit chosen = ChosenSplit.of(s, loaded.features(),
        s.split().read(null, conf, s.features()));
    Placed placed = new Placed(IN_PROCESS, dims, loaded.files(), loaded.warnings(),
        FitSources.joinOrNull(loaded.idJoin(), s.idsFrom())).with(chosen);
    describe(progress, loaded.features(), placed);
    describe(progress, s, chosen);
    long t1 = System.nanoTime();
    MlemAnalysis analysis = chosen.mlem().analyze(loaded.features(),
        loaded.distances(s.distance()), training(s, out, chosen, loaded.features().size()));
    timings.put("analysis", seconds(t1));
    progress.phase("writing " + s.out());
    String master = s.master() != null ? s.master() : "local[*]";
    writeRun(RunDirectoryWriter.withoutSpark(conf), master, s, timings, placed, analysis,
        recorded(chosen), w -> progress.phase("warning: " + w));
    printSummary(out, analysis, s.out());
    if (report) {
      writeReport(conf, s.out(), out);
    }
    return Optional.of(analysis);
  }

  /**
   * Fits one set of a sweep, read on the driver by the sweep, exactly as {@code mlem fit} fits:
   * the same placement of the inputs ({@link FitSources#placed}), analysis and run directory.
   * Writes {@code s.out()} (replacing a leftover incomplete one), no report, no summary.
   *
   * @param s the sweep's settings for this set ({@link FitSettings#forSet})
   * @param loaded the set's inputs, joined to the shared features
   * @param loadSeconds how long reading them took (recorded with the timings)
   * @param recorded what run.json records besides the settings (set name, sweep root, ...)
   * @param progress where training progress goes
   * @return the analysis that was written
   */
  public static MlemAnalysis runSet(SparkSession spark, FitSettings s, LoadedInputs loaded,
      double loadSeconds, Map<String, String> recorded, TrainingProgress progress) {
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("load", loadSeconds);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long t1 = System.nanoTime();
    try (FitSources sources = FitSources.placed(jsc, loaded, s)) {
      MlemAnalysis analysis = analyze(s, sources, progress);
      timings.put("analysis", seconds(t1));
      Placed placed = new Placed(sources.placement().cliName(), sources.dims(), sources.files(),
          sources.warnings(), sources.idJoin());
      writeRun(new RunDirectoryWriter(spark), spark.sparkContext().master(), s, timings, placed,
          analysis, recorded, w -> { });
      return analysis;
    }
  }

  /**
   * Fits one set of a sweep whole in this JVM, as the in-process engine fits (bit-identical to
   * {@link #runSet}'s placements), and writes {@code s.out()} without Spark: what a Spark task
   * runs for a sweep's set under {@code --set-placement task} (placement {@value #IN_TASK}, no
   * progress), and what a local sweep runs on the driver under {@code --set-placement auto}
   * (placement {@value #IN_PROCESS}).
   *
   * @param conf resolves the output path (the executor's Hadoop configuration)
   * @param master the sweep's master, recorded
   * @param placement what run.json records as the placement
   * @param progress where training progress goes
   * @return the analysis that was written
   */
  public static MlemAnalysis runSetInProcess(Configuration conf, String master, FitSettings s,
      LoadedInputs loaded, double loadSeconds, Map<String, String> recorded, String placement,
      TrainingProgress progress) {
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("load", loadSeconds);
    long t1 = System.nanoTime();
    MlemAnalysis analysis = fitLoadedInProcess(s, loaded, progress);
    timings.put("analysis", seconds(t1));
    Integer dims = loaded.representations() != null ? loaded.representations().dims() : null;
    Placed placed = new Placed(placement, dims, loaded.files(), loaded.warnings(),
        FitSources.joinOrNull(loaded.idJoin(), s.idsFrom()));
    writeRun(RunDirectoryWriter.withoutSpark(conf), master, s, timings, placed, analysis,
        recorded, w -> { });
    return analysis;
  }

  /**
   * Fits inputs read on the driver exactly as {@code mlem fit} and a sweep's sets are fitted
   * (the same placement, {@link FitSources#placed}, pair sources and analysis), without writing
   * a run directory: for {@code mlem robustness}, which fits many noisy copies of one data set
   * and keeps only their comparison. Safe to call from several threads at once (each call
   * places its own inputs; Spark runs the jobs side by side).
   *
   * @param s the settings of this fit (its config, placement, partitions, distance)
   * @param loaded the inputs (representations or an RDM, joined to the features)
   * @param progress where training progress goes
   * @return the analysis
   */
  public static MlemAnalysis fitLoaded(SparkSession spark, FitSettings s, LoadedInputs loaded,
      TrainingProgress progress) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (FitSources sources = FitSources.placed(jsc, loaded, s)) {
      return analyze(s, sources, progress);
    }
  }

  /**
   * {@link #fitLoaded} on splits held fixed by the caller instead of the configuration's random
   * ones (subsampled to its train size): for {@code mlem efficiency}, whose fits all share one
   * test fold whatever their seed and size.
   *
   * @param splits the splits, indices into the loaded stimuli
   * @throws InputException if the train size exceeds a split's training stimuli
   */
  public static MlemAnalysis fitLoaded(SparkSession spark, FitSettings s, LoadedInputs loaded,
      List<StimulusSplit> splits, TrainingProgress progress) {
    Mlem mlem = ChosenSplit.fixed(s, loaded.features(), splits).mlem();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (FitSources sources = FitSources.placed(jsc, loaded, s)) {
      return mlem.analyze(sources.features(), sources.factory(), progress,
          sources.features().size());
    }
  }

  /**
   * {@link #fitLoaded(SparkSession, FitSettings, LoadedInputs, TrainingProgress)} with the core
   * engine in this JVM, no Spark session: the same analysis bit for bit (the in-process
   * engine's guarantee), for an experiment on a local master whose inputs were read on the
   * driver.
   */
  public static MlemAnalysis fitLoadedInProcess(FitSettings s, LoadedInputs loaded,
      TrainingProgress progress) {
    return ChosenSplit.of(s, loaded.features(), Optional.empty()).mlem()
        .analyze(loaded.features(), loaded.distances(s.distance()), progress);
  }

  /** {@link #fitLoaded(SparkSession, FitSettings, LoadedInputs, List, TrainingProgress)} in this JVM. */
  public static MlemAnalysis fitLoadedInProcess(FitSettings s, LoadedInputs loaded,
      List<StimulusSplit> splits, TrainingProgress progress) {
    return ChosenSplit.fixed(s, loaded.features(), splits).mlem()
        .analyze(loaded.features(), loaded.distances(s.distance()), progress);
  }

  private static MlemAnalysis analyze(FitSettings s, FitSources sources,
      TrainingProgress progress) {
    return ChosenSplit.of(s, sources.features(), Optional.empty()).mlem()
        .analyze(sources.features(), sources.factory(), progress, sources.features().size());
  }

  /** What run.json records of a predefined split besides the settings. */
  private static Map<String, String> recorded(ChosenSplit chosen) {
    return chosen.description() == null ? Map.of() : Map.of("split", chosen.description());
  }

  /** What a run directory records of how its inputs were placed. */
  private record Placed(String placement, Integer dims, List<InputFile> files,
      List<String> warnings, IdJoin idJoin) {
    /** With the split file among the inputs. */
    Placed with(ChosenSplit chosen) {
      if (chosen.file() == null) {
        return this;
      }
      List<InputFile> all = new ArrayList<>(files);
      all.add(chosen.file());
      return new Placed(placement, dims, all, warnings, idJoin);
    }
  }

  private static ConsoleProgress progress(FitSettings s, PrintWriter out) {
    int folds = s.config().folds() == 0 ? 1 : s.config().folds();
    return new ConsoleProgress(out, s.config().training().patience(), folds, s.quiet());
  }

  /** The training progress, counting the folds of the chosen split. */
  private static ConsoleProgress training(FitSettings s, PrintWriter out, ChosenSplit chosen,
      int stimuli) {
    return new ConsoleProgress(out, s.config().training().patience(),
        chosen.mlem().splits(stimuli).size(), s.quiet());
  }

  private static String loadingLine(FitSettings s) {
    return "loading " + s.features().uri() + " and " + s.representations().uri();
  }

  /** The inputs' shape, the feature summary and the input warnings. */
  private static void describe(ConsoleProgress progress, EncodedFeatures features,
      Placed placed) {
    progress.phase(String.format(Locale.ROOT, "%d stimuli, %d features%s, %s placement",
        features.size(), features.layout().featureCount(), placed.dims() != null
            ? ", " + placed.dims() + " dims" : ", precomputed RDM", placed.placement()));
    for (String line : features.summary().lines()) {
      progress.phase("  " + line);
    }
    for (String warning : features.summary().warnings()) {
      progress.phase("warning: " + warning);
    }
    for (String warning : placed.warnings()) {
      progress.phase("warning: " + warning);
    }
  }

  /** The predefined split and the training subsample, when given. */
  private static void describe(ConsoleProgress progress, FitSettings s, ChosenSplit chosen) {
    if (chosen.description() != null) {
      progress.phase("split: " + chosen.description());
    }
    if (s.config().trainSize() > 0) {
      progress.phase("training stimuli of each split subsampled to " + s.config().trainSize()
          + " (test stimuli unchanged)");
    }
  }

  /** Writes the run directory: what ran (settings, master, resolved placement) and results. */
  private static void writeRun(RunDirectoryWriter writer, String master, FitSettings s,
      Map<String, Double> timings, Placed loaded, MlemAnalysis analysis,
      Map<String, String> recorded, java.util.function.Consumer<String> warn) {
    long t2 = System.nanoTime();
    Map<String, String> settings = new LinkedHashMap<>(s.toMap());
    settings.putAll(recorded);
    settings.put("master", master);
    settings.put("placement", loaded.placement());
    IdJoin join = loaded.idJoin();
    if (join != null) {
      settings.put("ids-analysed", Integer.toString(join.ids().size()));
      settings.put("ids-dropped-from-features", Integer.toString(join.featuresDropped()));
      settings.put("ids-dropped-from-representations", Integer.toString(join.neuralDropped()));
      settings.put("ids-dropped-examples", String.join(",", join.featuresDroppedExamples())
          + (join.neuralDroppedExamples().isEmpty() ? "" : ";"
              + String.join(",", join.neuralDroppedExamples())));
    }
    List<String> warnings = new ArrayList<>(loaded.warnings());
    for (String w : BatchSizeWarnings.of(analysis.provenance().batchSize())) {
      warn.accept(w);
      warnings.add(w);
    }
    RunOutput run = new RunOutput(analysis, loaded.files(), warnings, loaded.dims(),
        settings, timings);
    writer.write(run, s.out(), s.overwrite());
    timings.put("write", seconds(t2));
  }

  /** Held-out scores, steps and the most important units. */
  public static void printSummary(PrintWriter out, MlemAnalysis analysis, String dir) {
    out.printf(Locale.ROOT, "held-out Spearman %.4f  rho-a %.4f  tau-a %.4f  (%d fold%s)%n",
        analysis.spearman(), analysis.rhoA(), analysis.tauA(), analysis.folds().size(),
        analysis.folds().size() == 1 ? "" : "s");
    if (analysis.scoring() != Scoring.SPEARMAN) {
      out.printf(Locale.ROOT, "held-out %s %.6g (--scoring %s; importance below: %s)%n",
          analysis.scoring().label(), analysis.score(), analysis.scoring().cliName(),
          analysis.scoring().importanceMeaning());
    }
    out.printf(Locale.ROOT, "batch size %d; steps per fold %s%n",
        analysis.provenance().batchSize(),
        analysis.folds().stream().map(f -> Integer.toString(f.metric().steps())).toList());
    List<UnitSummary> units = new ArrayList<>(analysis.importanceSummary());
    if (!units.isEmpty()) {
      units.sort(Comparator.comparingDouble(UnitSummary::mean).reversed());
      out.println("top units by " + analysis.importanceKind().cliName()
          + "-level permutation importance (mean [95% interval, "
          + analysis.importanceInterval().label() + "]):");
      for (UnitSummary u : units.subList(0, Math.min(TOP_UNITS, units.size()))) {
        out.printf(Locale.ROOT, "  %-20s %9.4f  [%9.4f, %9.4f]%n", u.unit(), u.mean(),
            u.ciLow(), u.ciHigh());
      }
    }
    out.println("run directory: " + dir);
    out.flush();
  }

  private static void writeReport(Configuration conf, String dir, PrintWriter out) {
    try {
      out.println("report: " + FitReport.write(conf, dir));
    } catch (RuntimeException e) {
      LOG.warn("cannot write the report of {}", dir, e);
      out.println("warning: no report written (" + e.getMessage() + "); retry with 'mlem report "
          + dir + "'");
    }
    out.flush();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
