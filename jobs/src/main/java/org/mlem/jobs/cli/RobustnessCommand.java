package org.mlem.jobs.cli;

import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.UsageException;
import org.apache.hadoop.conf.Configuration;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.metric.Model;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.experiments.ExperimentLists;
import org.mlem.jobs.experiments.RobustnessRow;
import org.mlem.jobs.experiments.RobustnessStudy;
import org.mlem.jobs.experiments.RobustnessTables;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code mlem robustness}: the paper's Figure 2b on the user's data. Takes the fit options (the
 * fit configuration of every model's fits; {@code --model} is replaced by {@code --models}),
 * loads the inputs like {@code fit} ({@link ExperimentEngine}: in process on a local master,
 * else through Spark), runs {@link RobustnessStudy} with every fit made by the fit job
 * ({@link FitJob#fitLoaded} or its in-process form: placed and run as {@code mlem fit} runs it)
 * and writes OUT (robustness.csv + Parquet, robustness.json, _SUCCESS).
 */
@Command(name = "robustness", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Add noise to the representations at increasing levels, refit each model and "
        + "compare W (Frobenius) and the importance profile (weighted tau) with its noiseless "
        + "fit; writes robustness.csv (+ Parquet) and robustness.json.")
final class RobustnessCommand implements Callable<Integer>, CommandOptions.TableCommand {
  private static final String DEFAULT_NOISE = "0,0.5,1,2,4";
  private static final int DEFAULT_SEEDS = 3;
  private static final String DEFAULT_MODELS = "mlem,frrsa-i";

  /**
   * The fit's options but --model (the models come from --models), and --engine. Every fit runs
   * through the fit job ({@link FitJob#fitLoaded}), --threads of them at once, so --engine,
   * --placement, --partitions and --broadcast-budget-mb apply as in {@code mlem fit}.
   */
  static final OptionTable OPTIONS = JobOptions.FIT.without(MlemOptions.MODEL)
      .with(JobOptions.ENGINE);

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Override
  public OptionTable optionTable() {
    return OPTIONS;
  }

  @Option(names = "--noise", paramLabel = "X,Y,...",
      description = "Noise levels (default " + DEFAULT_NOISE + ").")
  String noise;

  @Option(names = "--seeds", paramLabel = "K",
      description = "Noise seeds 1..K per level (default " + DEFAULT_SEEDS + ").")
  Integer seeds;

  @Option(names = "--models", paramLabel = "M,...",
      description = "Models compared, among mlem, frrsa, frrsa-i, frrsa-ridge, frrsa-ridge-i "
          + "(default " + DEFAULT_MODELS + ").")
  String models;


  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    ParseResult parsed = spec.commandLine().getParseResult();
    Settings merged = CommandOptions.settings(parsed, OPTIONS);
    FitSettings settings = FitSettings.resolve(merged);
    if (settings.representations().format() == InputFormat.RDM) {
      throw new UsageException("robustness adds noise to representations; a precomputed RDM ("
          + settings.representations().uri() + ") cannot be made noisy: give the vectors");
    }
    int workers = settings.config().threads();
    RobustnessStudy study;
    try {
      study = new RobustnessStudy(settings.config(),
          ExperimentLists.noise("--noise", noise != null ? noise : DEFAULT_NOISE),
          seeds != null ? seeds : DEFAULT_SEEDS,
          ExperimentLists.models("--models", models != null ? models : DEFAULT_MODELS), workers);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    InputChecks.check(settings);
    PrintWriter console = spec.commandLine().getOut();
    try (ExperimentEngine engine = ExperimentEngine.open(settings,
        merged.get(JobOptions.ENGINE), "mlem robustness", console)) {
      LoadedInputs loaded = engine.inputs();
      if (loaded.representations() == null) {
        throw new UsageException("robustness adds noise to representations; "
            + settings.representations().uri() + " was read as a precomputed RDM: give the "
            + "vectors");
      }
      double loadSeconds = seconds(t0);
      long t1 = System.nanoTime();
      List<RobustnessRow> rows = study.run(loaded.representations(),
          (config, reps) -> engine.fit(settings.withConfig(config),
              new LoadedInputs(loaded.features(), reps, null, loaded.files(), loaded.warnings(),
                  loaded.idJoin()), TrainingProgress.NONE), line -> {
            console.println(line);
            console.flush();
          });
      double fitSeconds = seconds(t1);
      printSummary(console, rows);

      Map<String, Double> timings = new LinkedHashMap<>();
      timings.put("load", loadSeconds);
      timings.put("fits", fitSeconds);
      timings.put("total", seconds(t0));
      Map<String, String> config = new TreeMap<>(settings.config().toMap());
      config.putAll(settings.toMap());
      ProvenanceRecord provenance = ProvenanceRecord.builder(ProvenanceRecord.ROBUSTNESS)
          .spark(engine.sparkVersion()).times(started, Instant.now())
          .seed(settings.config().training().seed()).config(config).inputs(loaded.files())
          .detail("study", study.toMap()).timings(timings).warnings(loaded.warnings()).build();
      engine.writer().write(settings.out(), settings.overwrite(),
          List.of(RobustnessTables.of(rows)), OutputFiles.ROBUSTNESS_JSON, provenance);
    }
    console.printf(Locale.ROOT, "total %.1f s; output: %s%n", seconds(t0), settings.out());
    if (merged.get(JobOptions.REPORT)) {
      ReportCommand.writeOrWarn(console, settings.out(),
          () -> org.mlem.jobs.report.RobustnessReport.write(new Configuration(), settings.out()));
    }
    console.flush();
    return MlemCli.OK;
  }

  /** Mean +- std over seeds of the distances per model and level. */
  private static void printSummary(PrintWriter out, List<RobustnessRow> rows) {
    out.printf(Locale.ROOT, "%-8s %6s  %-17s  %-17s  %-17s%n", "model", "noise",
        "frobenius", "weighted_tau", "spearman");
    Map<String, List<RobustnessRow>> groups = new LinkedHashMap<>();
    for (RobustnessRow r : rows) {
      groups.computeIfAbsent(r.model().cliName() + "|" + r.noise(), k -> new ArrayList<>()).add(r);
    }
    for (List<RobustnessRow> group : groups.values()) {
      Model model = group.get(0).model();
      out.printf(Locale.ROOT, "%-8s %6s  %-17s  %-17s  %-17s%n", model.cliName(),
          Double.toString(group.get(0).noise()),
          pm(group.stream().mapToDouble(RobustnessRow::frobenius).toArray()),
          pm(group.stream().mapToDouble(RobustnessRow::weightedTau)
              .filter(v -> !Double.isNaN(v)).toArray()),
          pm(group.stream().mapToDouble(RobustnessRow::spearman).toArray()));
    }
  }

  private static String pm(double[] values) {
    if (values.length == 0) {
      return "n/a";
    }
    UnitSummary s = UnitSummary.of("value", values);
    return String.format(Locale.ROOT, "%.4f +- %.4f", s.mean(), s.std());
  }


  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
