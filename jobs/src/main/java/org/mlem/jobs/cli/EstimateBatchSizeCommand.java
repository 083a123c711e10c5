package org.mlem.jobs.cli;

import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.UsageException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.JobOptions;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.api.MlemConfig;
import org.mlem.jobs.io.FeatureInput;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.io.SetInputs;
import org.mlem.jobs.output.OutputExistsException;
import org.mlem.jobs.sweep.SharedBatchSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mlem estimate-batch-size}: the core's batch-size search on the features alone, exactly
 * as {@code mlem fit} and {@code mlem sweep} run it (every stimulus, the given seed, the default
 * search settings, over the interaction terms unless {@code --no-interactions}); writes the
 * estimate as JSON ({@link SharedBatchSize}) for
 * {@code mlem sweep --batch-size-file}, and prints it with its warnings.
 */
@Command(name = "estimate-batch-size", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Estimate the training batch size from the features alone and write it as "
        + "JSON, to be reused by 'mlem sweep --batch-size-file FILE'.")
final class EstimateBatchSizeCommand implements Callable<Integer>, CommandOptions.TableCommand {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Spec CommandSpec spec;

  @Override
  public OptionTable optionTable() {
    return JobOptions.ESTIMATE_BATCH_SIZE;
  }

  @Override
  public Integer call() {
    Settings s = CommandOptions.settings(spec.commandLine().getParseResult(),
        JobOptions.ESTIMATE_BATCH_SIZE);
    FeatureInput features = FitSettings.resolveFeatures(s);
    String file = s.get(JobOptions.BATCH_SIZE_OUT);
    if (file == null || file.isBlank()) {
      throw new UsageException("missing required option --out (on the command line or as "
          + "'out:' in the --config file)");
    }
    long seed = s.get(MlemOptions.SEED);
    // the model's default (mlem): interaction terms on
    boolean interactions = s.get(MlemOptions.INTERACTIONS);
    Configuration conf = new Configuration();
    InputPaths.requireReadable(conf, features.uri(), "features");
    if (!s.get(JobOptions.OVERWRITE)) {
      try {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toString());
        if (p.getFileSystem(conf).exists(p)) {
          throw new OutputExistsException(file.toString());
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot check " + file, e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    try (SparkSessions.Started spark =
        SparkSessions.start(s.get(JobOptions.MASTER), "mlem estimate-batch-size",
            s.get(JobOptions.VERBOSE), out)) {
      SetInputs.LoadedFeatures loaded = SetInputs.loadFeatures(spark.session(), features);
      SharedBatchSize estimate = SharedBatchSize.estimate(loaded.features(), seed,
          MlemConfig.builder().build().batchSizeSearch(), interactions);
      estimate.write(spark.session().sparkContext().hadoopConfiguration(), file.toString());
      out.printf(Locale.ROOT, "batch size %d (%d stimuli, %d features, %d rounds, max std %s)%n",
          estimate.batchSize(), loaded.features().size(), loaded.features().layout().featureCount(),
          estimate.rounds(), estimate.maxStd() == null ? "n/a"
              : String.format(Locale.ROOT, "%.4f", estimate.maxStd()));
      estimate.warnings().forEach(w -> out.println("warning: " + w));
      out.println("written: " + file);
      out.flush();
    }
    return MlemCli.OK;
  }
}
