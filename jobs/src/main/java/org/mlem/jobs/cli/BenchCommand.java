package org.mlem.jobs.cli;

import org.mlem.jobs.fit.Engine;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.sim.LanguageLikeDataset;
import org.mlem.core.sim.NoiseInjection;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.jobs.sweep.SweepJob;
import org.mlem.jobs.sweep.SweepResult;
import org.mlem.jobs.sweep.SweepSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mlem bench}: the paper-scale benchmark of the Spark job against the core engine. It
 * generates a dataset shaped like the paper's relative-clause data (7,700 stimuli x 768 dims, the
 * 12 features of Table S1), fits it in-process with the core engine (a warm-up run, then a timed
 * one), then runs exactly {@code mlem fit} on the same data written to files, through Spark, and
 * prints both timings, Spark's start-up and the ratio of the Spark fit + importance to the core's.
 * {@code --shape sentences} runs the real-sentence-shaped benchmark instead
 * ({@link SentenceBenchmark}), {@code --searchlight N} the searchlight one.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Paper-scale benchmark: 'mlem fit' through Spark against the core engine "
        + "in-process on the same generated data; prints both timings. --shape sentences: "
        + "'mlem fit' (and with --sweep-layers, 'mlem sweep') on generated sentence-shaped "
        + "files.")
final class BenchCommand implements Callable<Integer> {
  /** The generated data's shape. */
  enum Shape { paper, sentences }

  @Option(names = "--shape", paramLabel = "SHAPE", defaultValue = "paper",
      description = "paper: 7,700 x 768, the 12 features of the paper's Table S1; sentences: "
          + "3,000 x 384, 24 sentence-like features of mixed kinds, a third of them missing "
          + "for 30-80%% of the stimuli, read from a CSV, a float32 .npy and an ids file, fitted "
          + "by 'mlem fit' in process (default: ${DEFAULT-VALUE}).")
  Shape shape;

  @Option(names = "--stimuli", paramLabel = "N",
      description = "Stimuli (default: 7700 for the paper shape, 3000 for sentences).")
  Integer stimuli;

  @Option(names = "--dims", paramLabel = "D",
      description = "Representation dimensions (default: 768 for the paper shape, 384 for "
          + "sentences).")
  Integer dims;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the data and of the fits (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--permutations", paramLabel = "P", defaultValue = "10",
      description = "Permutations per importance unit (default: ${DEFAULT-VALUE}).")
  int permutations;

  @Option(names = "--work", paramLabel = "DIR",
      description = "Where to write the generated inputs and the run (default: a temporary "
          + "directory, deleted afterwards).")
  String work;

  @Option(names = "--sweep-layers", paramLabel = "L", defaultValue = "0",
      description = "Also time 'mlem sweep' over L generated layers of the same shape (the "
          + "layers differ by their noise level; default: ${DEFAULT-VALUE}, no sweep).")
  int sweepLayers;

  @Option(names = "--concurrency", paramLabel = "K", defaultValue = "1",
      description = "Sets fitted at once by the sweep (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--searchlight", paramLabel = "N", defaultValue = "0",
      description = "Instead: the searchlight benchmark, about N spheres of a generated series "
          + "(with --stimuli, default 200 here, 6 features), fitted as Spark tasks by 'mlem "
          + "searchlight', against the same spheres fitted in process (default: "
          + "${DEFAULT-VALUE}, off).")
  int searchlight;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Spec CommandSpec spec;

  /** Task slots of a local master ({@link Engine#localSlots}), else 2. */
  private static int slotsOf(String master) {
    int local = Engine.localSlots(master);
    return local > 0 ? local : 2;
  }

  @Override
  public Integer call() throws IOException {
    double jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    PrintWriter out = spec.commandLine().getOut();
    if (searchlight > 0) {
      int n = stimuli != null ? stimuli : 200;
      String m = master != null ? master : "local[2]";
      int slots = slotsOf(m);
      Path dir = work != null ? Path.of(work) : Files.createTempDirectory("mlem-bench-sl");
      SearchlightBenchmark.run(out, m, slots, searchlight, n, permutations,
          seed, dir);
      return MlemCli.OK;
    }
    if (shape == Shape.sentences) {
      Path dir = work != null ? Files.createDirectories(Path.of(work))
          : Files.createTempDirectory("mlem-bench-sentences");
      try {
        SentenceBenchmark.run(out, new SentenceBenchmark.Plan(
            stimuli != null ? stimuli : SentenceBenchmark.DEFAULT_STIMULI,
            dims != null ? dims : SentenceBenchmark.DEFAULT_DIMS, seed, permutations,
            sweepLayers, concurrency, master), dir, jvm);
      } finally {
        if (work == null) {
          deleteRecursively(dir);
        }
      }
      return MlemCli.OK;
    }
    int stimuli = this.stimuli != null ? this.stimuli : 7700;
    int dims = this.dims != null ? this.dims : 768;
    SyntheticDataset data = LanguageLikeDataset.generate(stimuli, dims, seed);
    EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(data));
    RepresentationDistances distances = new RepresentationDistances(
        SyntheticTables.representations(data), NeuralDistance.EUCLIDEAN);
    MlemConfig config = MlemConfig.builder().seed(seed).permutations(permutations).build();
    out.printf(Locale.ROOT, "dataset: %d stimuli x %d dims, %d features, interactions, "
        + "%d permutations, %d cores%n", stimuli, dims, features.featureCount(), permutations,
        Runtime.getRuntime().availableProcessors());
    out.flush();

    Mlem.with(config).analyze(features, distances); // JIT warm-up, not reported
    MlemAnalysis core = Mlem.with(config).analyze(features, distances);
    double coreFit = fitSeconds(core);
    double coreImportance = core.provenance().timings().get("importance");
    out.printf(Locale.ROOT, "core engine (in-process): fit %.2f s (batch-size estimation "
        + "included), importance %.2f s, batch size %d, steps %d, held-out Spearman %.4f%n",
        coreFit, coreImportance, core.provenance().batchSize(),
        core.folds().get(0).metric().steps(), core.spearman());
    out.flush();

    Path dir = work != null ? Files.createDirectories(Path.of(work))
        : Files.createTempDirectory("mlem-bench");
    try {
      long t0 = System.nanoTime();
      try (SparkSessions.Started spark = SparkSessions.start(master, "mlem bench")) {
        double startup = seconds(t0);
        String dataDir = dir.resolve("data").toString();
        DemoData.write(spark.session(), data, dataDir);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("features", dataDir + "/" + DemoData.FEATURES);
        keys.put("representations", dataDir + "/" + DemoData.REPRESENTATIONS);
        keys.put("out", dir.resolve("run").toString());
        keys.put("overwrite", true);
        keys.put("seed", seed);
        keys.put("permutations", permutations);
        keys.put("quiet", true);
        keys.put("master", master);
        FitSettings settings = FitSettings.resolve(keys);
        InputChecks.check(settings);
        long t1 = System.nanoTime();
        MlemAnalysis spark0 = FitJob.run(spark.session(), settings, new PrintWriter(
            PrintWriter.nullWriter()));
        double job = seconds(t1);
        double sparkFit = fitSeconds(spark0);
        double sparkImportance = spark0.provenance().timings().get("importance");
        out.printf(Locale.ROOT, "mlem fit through Spark (%s): fit %.2f s, importance %.2f s, "
            + "whole job %.2f s (loading, fit, importance, writing the run directory); "
            + "Spark start-up %.2f s; batch size %d, steps %d, held-out Spearman %.4f%n",
            spark.session().sparkContext().master(), sparkFit, sparkImportance, job, startup,
            spark0.provenance().batchSize(), spark0.folds().get(0).metric().steps(),
            spark0.spearman());
        double ratio = (sparkFit + sparkImportance) / (coreFit + coreImportance);
        out.printf(Locale.ROOT, "Spark fit + importance / core fit + importance = %.2f "
            + "(target: at most 2)%n", ratio);
        out.printf(Locale.ROOT, "  where the time goes: JVM start to this command %.2f s, "
            + "Spark start-up %.2f s, %s%n", jvm, startup,
            TimeBreakdown.ofRun(dir.resolve("run"), job));
        out.flush();
        keys.put("out", dir.resolve("run-in-process").toString());
        FitSettings local = FitSettings.resolve(keys);
        long t2 = System.nanoTime();
        MlemAnalysis inProcess = FitJob.runInProcess(new org.apache.hadoop.conf.Configuration(),
            local, new PrintWriter(PrintWriter.nullWriter()), true, Long.MAX_VALUE)
            .orElseThrow(() -> new IllegalStateException("the generated inputs need Spark"));
        double localJob = seconds(t2);
        out.printf(Locale.ROOT, "mlem fit in process (--engine auto's choice, same files, JIT "
            + "warm): whole job %.2f s, held-out Spearman %.4f%n  where the time goes: %s%n",
            localJob, inProcess.spearman(),
            TimeBreakdown.ofRun(dir.resolve("run-in-process"), localJob));
        out.flush();
        if (sweepLayers > 0) {
          sweep(spark.session(), data, dir, out);
        }
      }
    } finally {
      if (work == null) {
        deleteRecursively(dir);
      }
    }
    return 0;
  }

  /** Writes L layers (the dataset with noise 0.1 * l added) and times a sweep over them. */
  private void sweep(SparkSession session, SyntheticDataset data, Path dir, PrintWriter out) {
    String layers = dir.resolve("layers").toString();
    for (int l = 1; l <= sweepLayers; l++) {
      float[] noisy = NoiseInjection.addGaussian(data.representations(), data.size(),
          data.dims(), 0.1 * l, PositionalRandom.mix(seed, l));
      SyntheticDataset layer = new SyntheticDataset(data.ids(), data.features(), noisy,
          data.dims(), null, data.description() + ", layer " + l);
      DemoData.writeRepresentations(session, layer, layers + "/layer=" + l);
    }
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("features", dir.resolve("data").resolve(DemoData.FEATURES).toString());
    keys.put("representations", layers + "/layer=*/");
    keys.put("out", dir.resolve("sweep").toString());
    keys.put("overwrite", true);
    keys.put("seed", seed);
    keys.put("permutations", permutations);
    keys.put("quiet", true);
    keys.put("master", master);
    SweepSettings settings = new SweepSettings(FitSettings.resolve(keys), concurrency,
        SweepSettings.DEFAULT_SET_COLUMN, null, true);
    long t0 = System.nanoTime();
    SweepResult result = new SweepJob(session, settings,
        new PrintWriter(PrintWriter.nullWriter())).run();
    double seconds = seconds(t0);
    out.printf(Locale.ROOT, "mlem sweep over %d layers of %d x %d (concurrency %d): %.1f s of "
        + "sweep time after Spark start-up (features, shared batch size, %d fits with "
        + "importance, run directories, combined table, reports); %d failed%n", sweepLayers,
        data.size(), data.dims(), concurrency, seconds, result.sets().size(), result.failed());
    out.println("  where the time goes: " + TimeBreakdown.ofSweep(dir.resolve("sweep"), seconds));
    out.flush();
  }

  private static double fitSeconds(MlemAnalysis analysis) {
    Map<String, Double> t = analysis.provenance().timings();
    return t.getOrDefault("batch_size", 0.0) + t.get("fit");
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
