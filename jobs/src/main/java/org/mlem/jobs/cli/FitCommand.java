package org.mlem.jobs.cli;

import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.InProcessChoice;
import org.mlem.jobs.fit.FitSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.output.Interruption;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.RunDirectoryWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code mlem fit}: resolves the settings (flags over the {@code --config} file over the core's
 * defaults), checks them and every path, then runs {@link FitJob} on Spark.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fit MLEM on one feature table and one representation set; write a run "
        + "directory (run.json, _SUCCESS, weights, importance, importance_summary, scores, "
        + "history as Parquet and CSV).")
final class FitCommand implements Callable<Integer>, CommandOptions.TableCommand {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Spec CommandSpec spec;

  @Override
  public OptionTable optionTable() {
    return JobOptions.FIT_COMMAND;
  }

  @Override
  public Integer call() {
    Settings merged =
        CommandOptions.settings(spec.commandLine().getParseResult(), JobOptions.FIT_COMMAND);
    FitSettings settings = FitSettings.resolve(merged);
    InputChecks.check(settings);
    PrintWriter out = spec.commandLine().getOut();
    Interruption.describeWith(interruptionLine(settings.out()));
    if (InProcessChoice.attempt(merged.get(JobOptions.ENGINE), settings,
        budget -> FitJob.runInProcess(new Configuration(), settings, out,
            merged.get(JobOptions.REPORT), budget)).isPresent()) {
      return 0;
    }
    try (SparkSessions.Started spark = SparkSessions.start(settings.master(), "mlem fit",
        merged.get(JobOptions.VERBOSE), settings.quiet() ? null : out)) {
      FitJob.run(spark.session(), settings, out, merged.get(JobOptions.REPORT));
    }
    return 0;
  }

  /**
   * What the line printed on Ctrl-C says: a fit writes its run directory only at the end
   * (atomically), so nothing was written, unless the interruption came after that, while the
   * report was being written.
   */
  static java.util.function.Supplier<String> interruptionLine(String out) {
    long started = System.currentTimeMillis();
    return () -> {
      Long written = OutputFiles.modifiedMillis(out + "/" + OutputFiles.SUCCESS);
      return written != null && written >= started
          ? "interrupted while writing the report; the run directory " + out + " is complete:"
              + " run 'mlem report " + out + "' for the report"
          : "interrupted; nothing was written";
    };
  }

  /** Flags over the config file over the defaults, validated. */
  static FitSettings resolve(ParseResult parsed) {
    return FitSettings.resolve(CommandOptions.settings(parsed, JobOptions.FIT_COMMAND));
  }
}
