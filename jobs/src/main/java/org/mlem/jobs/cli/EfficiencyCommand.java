package org.mlem.jobs.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.experiments.EfficiencyRow;
import org.mlem.jobs.experiments.EfficiencyStudy;
import org.mlem.jobs.experiments.EfficiencyTables;
import org.mlem.jobs.experiments.ExperimentLists;
import org.mlem.jobs.fit.ChosenSplit;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.fit.UsageException;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.RunDirectoryWriter;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.report.EfficiencyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code mlem efficiency}: sample efficiency on the user's data. Takes the fit options (the
 * configuration of every fit; {@code --model} is replaced by {@code --models}, {@code
 * --train-size} by {@code --train-sizes}) and a split (random, or {@code --split-column} /
 * {@code --split-file}), loads the inputs like {@code fit} ({@link ExperimentEngine}: in process
 * on a local master, else through Spark), settles the splits
 * once ({@link ChosenSplit}) and runs {@link EfficiencyStudy} with every fit made by the fit job
 * on those splits ({@link FitJob#fitLoaded(org.apache.spark.sql.SparkSession, FitSettings,
 * LoadedInputs, List, TrainingProgress)}), so the test stimuli are the same in every fit. Writes
 * OUT (efficiency.csv and efficiency_importance.csv + Parquet, efficiency.json, _SUCCESS) and
 * OUT/report.html.
 */
@Command(name = "efficiency", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Sample efficiency: refit each model with its training stimuli subsampled to "
        + "each size (same test stimuli), for several seeds, and compare the held-out score and "
        + "the importance profile (Kendall tau, weighted tau) with the full-size fit; writes "
        + "efficiency.csv, efficiency_importance.csv (+ Parquet), efficiency.json and "
        + "report.html.")
final class EfficiencyCommand implements Callable<Integer>, CommandOptions.TableCommand {
  private static final int DEFAULT_SEEDS = 5;
  private static final String DEFAULT_MODELS = "mlem,frrsa";

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Option(names = "--train-sizes", paramLabel = "N,...,all", required = true,
      description = "Training sizes, integers >= 4 or all (e.g. 50,100,200,all); every size is "
          + "compared with the full-size fit, which is always made.")
  String trainSizes;

  @Option(names = "--seeds", paramLabel = "K",
      description = "Seeds 1..K per size (each draws its own training subsample and fit "
          + "randomness; default " + DEFAULT_SEEDS + ").")
  Integer seeds;

  @Option(names = "--models", paramLabel = "M,...",
      description = "Models compared (default " + DEFAULT_MODELS + ").")
  String models;

  @Spec CommandSpec spec;

  @Override
  public OptionTable optionTable() {
    return JobOptions.EFFICIENCY;
  }

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    ParseResult parsed = spec.commandLine().getParseResult();
    Settings merged = CommandOptions.settings(parsed, JobOptions.EFFICIENCY);
    FitSettings settings = FitSettings.resolve(merged);
    EfficiencyStudy study;
    try {
      study = new EfficiencyStudy(settings.config(),
          ExperimentLists.trainSizes("--train-sizes", trainSizes),
          seeds != null ? seeds : DEFAULT_SEEDS,
          ExperimentLists.models("--models", models != null ? models : DEFAULT_MODELS),
          settings.config().threads());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    InputChecks.checkInputs(settings);
    RunDirectoryWriter.requireExperimentWritable(new Configuration(), settings.out(),
        settings.overwrite(), OutputFiles.EFFICIENCY_JSON);
    PrintWriter console = spec.commandLine().getOut();
    try (ExperimentEngine engine = ExperimentEngine.open(settings,
        merged.get(JobOptions.ENGINE), "mlem efficiency", console)) {
      LoadedInputs loaded = engine.inputs();
      ChosenSplit chosen = ChosenSplit.of(settings, loaded.features(), settings.split().read(
          engine.sessionOrNull(), engine.conf(), settings.features()));
      List<StimulusSplit> splits = chosen.mlem().splits(loaded.features().size());
      int smallest = Integer.MAX_VALUE;
      for (StimulusSplit split : splits) {
        smallest = Math.min(smallest, split.train().length);
      }
      try {
        study.requireSizesAtMost(smallest);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      }
      MlemConfig base = settings.config();
      if (base.batchSize() == 0) {
        // one estimate for every fit (it depends on the features only, not on the seed)
        base = base.toBuilder().batchSize(chosen.mlem().estimateBatchSize(loaded.features())
            .batchSize()).build();
      }
      FitSettings fitted = settings.withConfig(base);
      console.printf(Locale.ROOT, "%d stimuli, %s; %d fits%n", loaded.features().size(),
          chosen.description() != null ? chosen.description()
              : splits.size() + (splits.size() == 1 ? " random split" : " random folds")
                  + " (" + splits.get(0).train().length + " train, "
                  + splits.get(0).test().length + " test)", study.fits());
      console.flush();
      double loadSeconds = seconds(t0);
      long t1 = System.nanoTime();
      EfficiencyStudy rebased = study.withBase(base);
      List<EfficiencyRow> rows = rebased.run(
          config -> engine.fit(fitted.withConfig(config), loaded, splits,
              TrainingProgress.NONE), line -> {
            console.println(line);
            console.flush();
          });
      double fitSeconds = seconds(t1);
      printSummary(console, rows);

      Map<String, Double> timings = new LinkedHashMap<>();
      timings.put("load", loadSeconds);
      timings.put("fits", fitSeconds);
      timings.put("total", seconds(t0));
      Map<String, String> config = new TreeMap<>(base.toMap());
      config.putAll(settings.toMap());
      List<InputFile> inputs = new ArrayList<>(loaded.files());
      if (chosen.file() != null) {
        inputs.add(chosen.file());
      }
      Map<String, Object> split = new LinkedHashMap<>();
      split.put("source", chosen.description() != null ? chosen.description() : "random");
      split.put("splits", splits.size());
      split.put("train", splits.get(0).train().length);
      split.put("test", splits.get(0).test().length);
      ProvenanceRecord provenance = ProvenanceRecord.builder(ProvenanceRecord.EFFICIENCY)
          .spark(engine.sparkVersion()).times(started, Instant.now())
          .seed(base.training().seed()).config(config).inputs(inputs)
          .detail("study", rebased.toMap()).detail("split", split).timings(timings)
          .warnings(loaded.warnings()).build();
      engine.writer().write(settings.out(), settings.overwrite(),
          List.of(EfficiencyTables.scores(rows), EfficiencyTables.importances(rows)),
          OutputFiles.EFFICIENCY_JSON, provenance);
    }
    console.printf(Locale.ROOT, "total %.1f s; output: %s%n", seconds(t0), settings.out());
    if (merged.get(JobOptions.REPORT)) {
      ReportCommand.writeOrWarn(console, settings.out(),
          () -> EfficiencyReport.write(new Configuration(), settings.out()));
    }
    console.flush();
    return MlemCli.OK;
  }

  /** Mean +- std over seeds per model and size. */
  private static void printSummary(PrintWriter out, List<EfficiencyRow> rows) {
    out.printf(Locale.ROOT, "%-13s %10s %7s  %-17s  %-17s  %-17s%n", "model", "train_size",
        "n_train", "spearman", "kendall_tau", "weighted_tau");
    Map<String, List<EfficiencyRow>> groups = new LinkedHashMap<>();
    for (EfficiencyRow r : rows) {
      groups.computeIfAbsent(r.model().cliName() + "|" + r.trainSizeText(),
          k -> new ArrayList<>()).add(r);
    }
    for (List<EfficiencyRow> group : groups.values()) {
      EfficiencyRow first = group.get(0);
      out.printf(Locale.ROOT, "%-13s %10s %7d  %-17s  %-17s  %-17s%n", first.model().cliName(),
          first.trainSizeText(), first.nTrain(),
          pm(group.stream().mapToDouble(EfficiencyRow::spearman).toArray()),
          pm(group.stream().mapToDouble(EfficiencyRow::kendallTau).toArray()),
          pm(group.stream().mapToDouble(EfficiencyRow::weightedTau).toArray()));
    }
  }

  private static String pm(double[] values) {
    double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return "n/a";
    }
    UnitSummary s = UnitSummary.of("value", finite);
    return String.format(Locale.ROOT, "%.4f +- %.4f", s.mean(), s.std());
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
