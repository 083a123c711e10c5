package org.mlem.jobs.cli;

import picocli.CommandLine.Option;

/**
 * How the feature table is read and encoded, shared (as a picocli mixin) by every command that
 * reads one: the feature selection, kind overrides, the distance of a missing value and the
 * file format. Read by long name through {@link SettingsMap}, so they are also config keys.
 */
public final class FeatureTableOptions {
  @Option(names = "--feature-columns", paramLabel = "A,B,C",
      description = "Feature columns to use, in order (default: every column but the id).")
  String featureColumns;

  @Option(names = "--kinds", paramLabel = "NAME=KIND,...",
      description = "Feature kind overrides: categorical, ordinal or vector.")
  String kinds;

  @Option(names = "--missing-distance", paramLabel = "X",
      description = "Feature distance when a value is missing, in [0, 1] (default 0).")
  Double missingDistance;

  @Option(names = "--features-format", paramLabel = "FORMAT",
      description = "auto (by extension, default), parquet or csv.")
  String featuresFormat;
}
