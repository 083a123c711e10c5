package org.mlem.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.distance.Representations;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.sim.NoiseInjection;
import org.mlem.core.sim.SentenceLikeDataset;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.io.NpyWriter;
import org.mlem.jobs.sweep.SweepJob;
import org.mlem.jobs.sweep.SweepResult;
import org.mlem.jobs.sweep.SweepSettings;

/**
 * The real-sentence-shaped benchmark ({@code mlem bench --shape sentences}): a generated set
 * shaped like annotated sentences under a transformer layer ({@link SentenceLikeDataset}: 24
 * linguistic features of mixed kinds, a third of them structurally missing for 30-80% of the
 * stimuli, several correlated; by default 3,000 stimuli x 384 dims), written as a user holds it
 * (a features CSV with empty cells for missing values, the layer as a float32 {@code .npy} and
 * an ids file), then exactly {@code mlem fit} on those files in this JVM (the in-process engine
 * a local master chooses), and with {@code --sweep-layers L} {@code mlem sweep} over L layers
 * (the layer plus Gaussian noise of 0.1 l per dimension's spread, as the paper-shaped sweep
 * benchmark; Spark is started only if a set needs it, as {@code mlem sweep} on a local master
 * does). Each job prints its figures and where its time went; nothing is warmed up first
 * (a fit here takes tens of seconds, so the JIT's warm-up is part of what a user waits for).
 */
final class SentenceBenchmark {
  static final int DEFAULT_STIMULI = 3000;
  static final int DEFAULT_DIMS = 384;

  private SentenceBenchmark() {}

  /** What one run of the benchmark is asked to do. */
  record Plan(int stimuli, int dims, long seed, int permutations, int sweepLayers,
      int concurrency, String master) {}

  /**
   * Runs the benchmark, writing its inputs and runs under {@code work}.
   *
   * @param jvmSeconds the JVM's start to the command, printed with the breakdown
   */
  static void run(PrintWriter out, Plan plan, Path work, double jvmSeconds) throws IOException {
    long t0 = System.nanoTime();
    SentenceLikeDataset.Data data = SentenceLikeDataset.generate(plan.stimuli(), plan.dims(),
        plan.seed());
    double generated = seconds(t0);
    long t1 = System.nanoTime();
    Inputs inputs = writeInputs(data, work.resolve("data"));
    Path features = inputs.features();
    Path ids = inputs.ids();
    out.printf(Locale.ROOT, "dataset: %d stimuli x %d dims, %d sentence-like features (%s), "
        + "interactions, %d permutations, %d cores; generated in %.2f s, written in %.2f s "
        + "(features.csv, layer.npy, ids.txt)%n", plan.stimuli(), plan.dims(),
        data.features().featureNames().size(),
        String.join(", ", data.features().featureNames()), plan.permutations(),
        Runtime.getRuntime().availableProcessors(), generated, seconds(t1));
    out.flush();

    FitSettings settings = fitSettings(plan, inputs, work.resolve("run"));
    InputChecks.check(settings);
    long t2 = System.nanoTime();
    MlemAnalysis fit = FitJob.runInProcess(new org.apache.hadoop.conf.Configuration(), settings,
        new PrintWriter(PrintWriter.nullWriter()), true, Long.MAX_VALUE)
        .orElseThrow(() -> new IllegalStateException("the generated inputs need Spark"));
    double job = seconds(t2);
    out.printf(Locale.ROOT, "mlem fit in process (the engine a local master chooses, same as "
        + "'mlem fit --features features.csv --representations layer.npy --ids ids.txt'): "
        + "whole job %.2f s (target: at most 30 s end to end), batch size %d, steps %d (best "
        + "%d), held-out Spearman %.4f%n  where the time goes: JVM start to this command %.2f s, "
        + "%s%n", job, fit.provenance().batchSize(), fit.folds().get(0).metric().steps(),
        fit.folds().get(0).metric().bestStep(), fit.spearman(), jvmSeconds,
        TimeBreakdown.ofRun(work.resolve("run"), job));
    out.flush();
    if (plan.sweepLayers() > 0) {
      sweep(out, plan, data, work, features, ids);
    }
  }

  /** Where {@link #writeInputs} put the files. */
  record Inputs(Path features, Path layer, Path ids) {}

  /**
   * Writes the set as a user holds it: {@code dir/features.csv} (missing values as empty
   * cells), {@code dir/layer.npy} (float32, stimuli x dims) and {@code dir/ids.txt} (the
   * layer's row order).
   */
  static Inputs writeInputs(SentenceLikeDataset.Data data, Path dir) throws IOException {
    Files.createDirectories(dir);
    Inputs inputs = new Inputs(dir.resolve("features.csv"), dir.resolve("layer.npy"),
        dir.resolve("ids.txt"));
    Files.writeString(inputs.features(), data.featuresCsv(), StandardCharsets.UTF_8);
    Files.writeString(inputs.ids(), String.join("\n", data.representations().ids()) + "\n",
        StandardCharsets.UTF_8);
    Representations reps = data.representations();
    NpyWriter.writeFloat32(inputs.layer(), reps.data(), reps.size(), reps.dims());
    return inputs;
  }

  /** The settings of {@code mlem fit} on the written inputs, as the command line gives them. */
  static FitSettings fitSettings(Plan plan, Inputs inputs, Path out) {
    Map<String, Object> keys = keys(plan, inputs.features(), inputs.ids());
    keys.put("representations", inputs.layer().toString());
    keys.put("out", out.toString());
    return FitSettings.resolve(keys);
  }

  private static void sweep(PrintWriter out, Plan plan, SentenceLikeDataset.Data data, Path work,
      Path features, Path ids) throws IOException {
    Path layers = Files.createDirectories(work.resolve("layers"));
    Representations reps = data.representations();
    for (int l = 1; l <= plan.sweepLayers(); l++) {
      float[] noisy = NoiseInjection.addGaussian(reps.data(), reps.size(), reps.dims(), 0.1 * l,
          PositionalRandom.mix(plan.seed(), l));
      NpyWriter.writeFloat32(layers.resolve(String.format(Locale.ROOT, "layer%02d.npy", l)),
          noisy, reps.size(), reps.dims());
    }
    Map<String, Object> keys = keys(plan, features, ids);
    keys.put("representations", layers + "/*.npy");
    keys.put("out", work.resolve("sweep").toString());
    SweepSettings settings = new SweepSettings(FitSettings.resolve(keys), plan.concurrency(),
        SweepSettings.DEFAULT_SET_COLUMN, null, true);
    // as 'mlem sweep' on a local master: Spark is started only if a set needs it
    try (SparkSessions.OnDemand spark = new SparkSessions.OnDemand(plan.master(), "mlem bench",
        false, null)) {
      long t1 = System.nanoTime();
      SweepResult result = new SweepJob(spark.session(), settings,
          new PrintWriter(PrintWriter.nullWriter())).run();
      double seconds = seconds(t1);
      out.printf(Locale.ROOT, "mlem sweep over %d layer%s of %d x %d (concurrency %d): %.1f s "
          + "(target: at most 3 min), Spark %s; %d failed%n  where the time goes: %s%n",
          plan.sweepLayers(), plan.sweepLayers() == 1 ? "" : "s", plan.stimuli(), plan.dims(),
          plan.concurrency(), seconds, spark.session().started()
              ? "started by a set that needed it" : "not started", result.failed(),
          TimeBreakdown.ofSweep(work.resolve("sweep"), seconds));
      out.flush();
    }
  }

  private static Map<String, Object> keys(Plan plan, Path features, Path ids) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("features", features.toString());
    keys.put("ids", ids.toString());
    keys.put("overwrite", true);
    keys.put("seed", plan.seed());
    keys.put("permutations", plan.permutations());
    keys.put("quiet", true);
    keys.put("master", plan.master());
    return keys;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
