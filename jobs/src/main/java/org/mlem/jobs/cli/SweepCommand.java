package org.mlem.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mlem.core.config.OptionTable;
import org.mlem.jobs.fit.JobOptions;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.fit.Engine;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.sweep.SweepJob;
import org.mlem.jobs.sweep.SweepResult;
import org.mlem.jobs.sweep.SweepSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code mlem sweep}: one feature table against many representation sets, each fitted exactly
 * as {@code mlem fit} fits (same options), with one shared batch size and a seed per set derived
 * from the run seed and the set's name; resumable; see {@link SweepJob}.
 *
 * <p>Exit codes (for the README): 0 every set ok or already complete; 3 the sweep finished
 * but some sets failed (degenerate input: their rows in OUT/combined.csv say why); 2 bad usage
 * or input (e.g. the features are unreadable or the pattern matches nothing); 1 any other
 * failure (rerun the same command to resume).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit one feature table against many representation sets (layers): a glob "
        + "such as 'layers/layer=*/' or 'layers/*.npy', a Parquet table with a set column, or an "
        + "HDF5 file with one 2-D dataset per set, an .npz (one set per array) or .safetensors "
        + "(one set per tensor); NIfTI volumes with --atlas/--mask (one set per ROI) or epochs "
        + "with --window (one set per time window). Writes OUT/runs/<set>/ (as mlem fit), "
        + "OUT/combined/ and OUT/combined.csv, OUT/batch_size.json, OUT/sweep.json, "
        + "OUT/report.html and OUT/_SUCCESS.",
        "Rerunning the same command resumes: sets whose run directory is complete are skipped "
        + "(--overwrite redoes them). Each set's seed is PositionalRandom.mix(seed, first 8 "
        + "bytes of SHA-256 of the set name), so 'mlem fit --seed <that> --batch-size <shared>' "
        + "reproduces a set; results do not depend on order or --concurrency."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every set ok (or already complete)",
        "3:finished, but some sets failed (see their status and reason in OUT/combined.csv)",
        "2:bad usage or input (e.g. unreadable features, a pattern that matches nothing)",
        "1:any other failure (rerun the same command to resume)",
        "52:a Spark task ran out of memory (Spark's own exit code; give the driver or executors"
            + " more memory)"})
final class SweepCommand implements Callable<Integer>, CommandOptions.TableCommand {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Spec CommandSpec spec;

  @Override
  public OptionTable optionTable() {
    return JobOptions.SWEEP;
  }

  @Override
  public Integer call() {
    SweepSettings settings = resolve(spec.commandLine().getParseResult());
    Configuration conf = new Configuration();
    InputPaths.requireReadable(conf, settings.fit().features().uri(), "features");
    if (settings.batchSizeFile() != null) {
      InputPaths.requireReadable(conf, settings.batchSizeFile(), "batch-size");
    }
    if (settings.fit().representations().idsUri() != null) {
      InputPaths.requireReadable(conf, settings.fit().representations().idsUri(),
          "representation ids");
    }
    InputChecks.requireOutputDirectory(conf, settings.fit().out(), "sweep");
    PrintWriter out = spec.commandLine().getOut();
    SweepResult result;
    boolean verbose = CommandOptions.settings(spec.commandLine().getParseResult(),
        JobOptions.SWEEP).get(JobOptions.VERBOSE);
    PrintWriter console = settings.fit().quiet() ? null : out;
    if (!Engine.isLocalMaster(settings.fit().master())) {
      try (SparkSessions.Started spark = SparkSessions.start(settings.fit().master(),
          "mlem sweep", verbose, console)) {
        result = new SweepJob(spark.session(), settings, out).run();
      }
      return result.failed() > 0 ? MlemCli.SOME_SETS_FAILED : MlemCli.OK;
    }
    // a local sweep starts Spark only if a set needs it (most are read and fitted in process)
    try (SparkSessions.OnDemand spark = new SparkSessions.OnDemand(settings.fit().master(),
        "mlem sweep", verbose, console)) {
      result = new SweepJob(spark.session(), settings, out).run();
    }
    return result.failed() > 0 ? MlemCli.SOME_SETS_FAILED : MlemCli.OK;
  }

  /** Flags over the config file over the defaults, validated. */
  static SweepSettings resolve(ParseResult parsed) {
    return SweepSettings.resolve(CommandOptions.settings(parsed, JobOptions.SWEEP));
  }
}
