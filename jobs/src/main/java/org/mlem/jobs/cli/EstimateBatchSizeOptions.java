package org.mlem.jobs.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code mlem estimate-batch-size}: the feature table and its reading options
 * (the same names and meanings as in {@link FitOptions}), the seed and the output file. Read by
 * long name through {@link SettingsMap}, so they are also keys of the {@code --config} file.
 */
public final class EstimateBatchSizeOptions {
  @Option(names = "--features", paramLabel = "URI",
      description = "Feature table (Parquet or CSV): an id column plus feature columns.")
  String features;

  @Option(names = "--out", paramLabel = "FILE",
      description = "The JSON file to write (batch_size, rounds, max_std, warnings, features, "
          + "seed, interactions); reuse it with mlem sweep --batch-size-file.")
  String out;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the search (default 0; use the sweep's --seed).")
  Long seed;

  @Option(names = "--interactions",
      description = "Estimate over the interaction terms too (default, as mlem fit's default "
          + "model): the product terms 2 delta_a delta_b are correlated with every other term.")
  Boolean interactions;

  @Option(names = "--no-interactions",
      description = "Estimate over the squared feature distances only (for --model frrsa or "
          + "--no-interactions fits).")
  Boolean noInteractions;

  @Option(names = "--id-column", paramLabel = "NAME",
      description = "Stimulus id column (default: id).")
  String idColumn;

  @Mixin FeatureTableOptions featureTable;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Option(names = "--overwrite", description = "Replace an existing output file.")
  Boolean overwrite;
}
