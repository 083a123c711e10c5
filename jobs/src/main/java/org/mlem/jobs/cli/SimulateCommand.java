package org.mlem.jobs.cli;

import org.mlem.jobs.fit.UsageException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.jobs.experiments.ExperimentLists;
import org.mlem.jobs.experiments.ExperimentWriter;
import org.mlem.jobs.experiments.ModelVariant;
import org.mlem.jobs.experiments.SimulationExperiment;
import org.mlem.jobs.experiments.SimulationGrid;
import org.mlem.jobs.experiments.SimulationRun;
import org.mlem.jobs.experiments.SimulationSummary;
import org.mlem.jobs.experiments.SimulationTables;
import org.mlem.jobs.output.RunDirectoryWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlem simulate}: the paper's simulation study (section 2.5.1) as a job. Runs the grid
 * in-process ({@link SimulationExperiment}), prints a line per fit, the mean +- std summary
 * and the total time, and writes OUT (runs, importance, weighted_tau as CSV and, unless
 * {@code --no-parquet}, Parquet written on the driver, no Spark session; simulate.json;
 * _SUCCESS).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The paper's simulation study: noise levels x seeds x models x soft-rank "
        + "strengths on data with a known metric W*; writes runs.csv, importance.csv, "
        + "weighted_tau.csv (+ Parquet) and simulate.json.")
final class SimulateCommand implements Callable<Integer>, CommandOptions.TableCommand {
  /** The fit options a simulation takes from the option table (same keys, rules, defaults). */
  static final OptionTable OPTIONS = OptionTable.of(MlemOptions.PERMUTATIONS,
      MlemOptions.MAX_STEPS, MlemOptions.PATIENCE, MlemOptions.THREADS);

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "The output directory to write.")
  String out;

  @Option(names = "--stimuli", paramLabel = "N", defaultValue = "1000",
      description = "Stimuli per dataset (default ${DEFAULT-VALUE}).")
  int stimuli;

  @Option(names = "--features", paramLabel = "F", defaultValue = "6",
      description = "Binary features (default ${DEFAULT-VALUE}).")
  int features;

  @Option(names = "--dims", paramLabel = "D", defaultValue = "64",
      description = "Representation dimensions (default ${DEFAULT-VALUE}).")
  int dims;

  @Option(names = "--noise", paramLabel = "X,Y,...", defaultValue = "0,0.5,1,2,3",
      description = "Noise levels, including 0 (default ${DEFAULT-VALUE}).")
  String noise;

  @Option(names = "--seeds", paramLabel = "K", defaultValue = "5",
      description = "Seeds 1..K per noise level (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--models", paramLabel = "M,...", defaultValue = "mlem,frrsa-i,frrsa",
      description = "Models among mlem, frrsa, frrsa-i, frrsa-ridge, frrsa-ridge-i (default "
          + "${DEFAULT-VALUE}).")
  String models;

  @Option(names = "--parametrizations", paramLabel = "P,...", defaultValue = "projected",
      description = "MLEM's parametrizations, projected and/or cholesky (the paper's; shown as "
          + "mlem-cholesky) (default ${DEFAULT-VALUE}).")
  String parametrizations;

  @Option(names = "--strengths", paramLabel = "S,...",
      defaultValue = "absolute:1.0,relative:1.0",
      description = "Soft-rank strengths (default ${DEFAULT-VALUE}).")
  String strengths;





  @Option(names = "--no-parquet", description = "Write CSV only (no Parquet copies).")
  boolean noParquet;

  @Option(names = "--overwrite", description = "Replace an existing output directory.")
  boolean overwrite;

  @Spec CommandSpec spec;

  @Override
  public OptionTable optionTable() {
    return OPTIONS;
  }

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    Settings options = CommandOptions.fromCommandLine(spec.commandLine().getParseResult(), OPTIONS);
    SimulationGrid grid = grid(options);
    int workers = options.has(MlemOptions.THREADS) ? options.get(MlemOptions.THREADS)
        : Runtime.getRuntime().availableProcessors();
    RunDirectoryWriter.requireExperimentWritable(new Configuration(), out, overwrite,
        OutputFiles.SIMULATE_JSON);
    PrintWriter console = spec.commandLine().getOut();
    console.printf(Locale.ROOT, "simulation: n=%d, F=%d, %d dims; %d noise levels x %d seeds x "
        + "%d model variants = %d fits on %d thread%s%n", grid.stimuli(), grid.features(),
        grid.dims(), grid.noise().size(), grid.seeds(), grid.variants().size(), grid.runCount(),
        workers, workers == 1 ? "" : "s");
    console.flush();
    List<SimulationRun> runs = new SimulationExperiment(grid, workers).run(line -> {
      console.println(line);
      console.flush();
    });
    double gridSeconds = seconds(t0);
    SimulationSummary summary = SimulationSummary.of(grid, runs);
    console.println("mean +- std over seeds:");
    console.print(summary.format());

    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("grid", gridSeconds);
    Map<String, Object> config = new LinkedHashMap<>(grid.toMap());
    config.put("threads", workers);
    config.put("parquet", !noParquet);
    ProvenanceRecord.Builder provenance = ProvenanceRecord.builder(ProvenanceRecord.SIMULATE)
        .configValues(config).detail("cores", Runtime.getRuntime().availableProcessors())
        .detail("runs", runs.size()).detail("summary", summary.toMaps());
    timings.put("total", seconds(t0));
    // the Parquet copies are written on the driver (the column types Spark gives them)
    new ExperimentWriter(new Configuration(), !noParquet).write(out, overwrite,
        SimulationTables.of(grid, runs), OutputFiles.SIMULATE_JSON,
        provenance.spark(ProvenanceRecord.sparkLibraryVersion()).times(started, Instant.now())
            .timings(timings).build());
    console.printf(Locale.ROOT, "%d fits in %.1f s (%d thread%s); total %.1f s; output: %s%n",
        runs.size(), gridSeconds, workers, workers == 1 ? "" : "s", seconds(t0), out);
    ReportCommand.writeOrWarn(console, out,
        () -> org.mlem.jobs.report.SimulateReport.write(new Configuration(), out));
    console.flush();
    return MlemCli.OK;
  }

  private SimulationGrid grid(Settings options) {
    try {
      List<Model> modelList = ExperimentLists.models("--models", models);
      List<SoftRankStrength> strengthList = ExperimentLists.strengths("--strengths", strengths);
      List<ModelVariant> variants = new ArrayList<>();
      List<Parametrization> parametrizationList = new ArrayList<>();
      for (String item : parametrizations.split(",", -1)) {
        Parametrization p = Parametrization.parse(item);
        if (!parametrizationList.contains(p)) {
          parametrizationList.add(p);
        }
      }
      for (Model model : modelList) {
        for (Parametrization p : model == Model.MLEM ? parametrizationList
            : List.of(Parametrization.PROJECTED)) {
          for (SoftRankStrength strength : strengthList) {
            variants.add(new ModelVariant(model, p, strength));
          }
        }
      }
      return new SimulationGrid(stimuli, features, dims,
          ExperimentLists.noise("--noise", noise), seeds, variants,
          options.get(MlemOptions.PERMUTATIONS), options.get(MlemOptions.MAX_STEPS),
          options.get(MlemOptions.PATIENCE));
    } catch (UsageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
