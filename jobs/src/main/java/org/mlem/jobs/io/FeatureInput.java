package org.mlem.jobs.io;

import java.util.List;
import java.util.Map;
import org.mlem.core.features.FeatureKind;

/**
 * Where and how to read the feature table.
 *
 * @param uri any Hadoop filesystem URI or local path (file, hdfs, s3a, ...)
 * @param format PARQUET, CSV or AUTO (by extension)
 * @param idColumn the stimulus id column (default "id")
 * @param featureColumns the feature columns to use, in order; empty = every column but the id
 *     (and the split column)
 * @param kinds kind overrides per feature (e.g. numeric codes that are categories)
 * @param missingDistance feature distance when a value is missing on either side, in [0, 1]
 * @param splitColumn the column holding a predefined split ({@code --split-column}), never a
 *     feature, or null
 */
public record FeatureInput(
    String uri, InputFormat format, String idColumn, List<String> featureColumns,
    Map<String, FeatureKind> kinds, double missingDistance, String splitColumn) {
  /** Copies the collections. */
  public FeatureInput {
    featureColumns = List.copyOf(featureColumns);
    kinds = Map.copyOf(kinds);
  }

  /** A feature table without a split column. */
  public FeatureInput(String uri, InputFormat format, String idColumn,
      List<String> featureColumns, Map<String, FeatureKind> kinds, double missingDistance) {
    this(uri, format, idColumn, featureColumns, kinds, missingDistance, null);
  }
}
