package org.mlem.jobs.cli;

import picocli.CommandLine.Option;

/**
 * The options {@code mlem sweep} adds to the fit options ({@link FitOptions}, shared as a
 * picocli mixin). Like those, they are read by long name through {@link SettingsMap}, so they
 * are also keys of the {@code --config} file.
 */
public final class SweepOptions {
  @Option(names = "--concurrency", paramLabel = "K",
      description = "Sets fitted at once (driver threads, each submitting its own Spark jobs; "
          + "default 1). Results do not depend on it.")
  Integer concurrency;

  @Option(names = "--set-column", paramLabel = "NAME",
      description = "For a Parquet table of sets: the column naming each row's set "
          + "(default layer).")
  String setColumn;

  @Option(names = "--batch-size-file", paramLabel = "FILE",
      description = "Reuse this batch_size.json (from mlem estimate-batch-size or an earlier "
          + "sweep) instead of estimating.")
  String batchSizeFile;
}
