package org.mlem.jobs.cli;

import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
final class FitCommand implements Callable<Integer> {
  @Mixin FitOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, Object> merged = settingsMap(spec.commandLine().getParseResult(), spec);
    FitSettings settings = FitSettings.resolve(merged);
    InputChecks.check(settings);
    PrintWriter out = spec.commandLine().getOut();
    try (SparkSessions.Started spark = SparkSessions.start(settings.master(), "mlem fit")) {
      FitJob.run(spark.session(), settings, out, !Boolean.FALSE.equals(merged.get("report")));
    }
    return 0;
  }

  /** Flags over the config file over the defaults, validated. */
  static FitSettings resolve(ParseResult parsed, CommandSpec spec) {
    return FitSettings.resolve(settingsMap(parsed, spec));
  }

  /** Flags over the config file, by key, before validation. */
  static Map<String, Object> settingsMap(ParseResult parsed, CommandSpec spec) {
    Map<String, Object> cli = SettingsMap.fromCommandLine(parsed);
    Map<String, Object> merged = cli;
    if (parsed.hasMatchedOption("--config")) {
      String file = parsed.matchedOptionValue("--config", (String) null);
      merged = SettingsMap.merge(SettingsMap.fromYaml(file, spec), cli);
    }
    return merged;
  }
}
