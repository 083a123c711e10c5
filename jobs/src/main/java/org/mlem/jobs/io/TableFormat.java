package org.mlem.jobs.io;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.Representations;

/**
 * A table of representations (Parquet or CSV, a file or a directory of part files): an id column
 * plus an array/vector column or wide numeric columns, read with {@link TableReader} in file order
 * and converted by {@link RepresentationFrames}. Spark tasks can read it part by part, so it is
 * not tied to the driver.
 */
final class TableFormat extends RepresentationFormat {
  private final InputFormat kind;
  private final List<String> extensions;

  TableFormat(InputFormat kind, List<String> extensions) {
    this.kind = kind;
    this.extensions = List.copyOf(extensions);
  }

  @Override
  public InputFormat kind() {
    return kind;
  }

  @Override
  public List<String> extensions() {
    return extensions;
  }

  @Override
  public boolean readOnDriver() {
    return false;
  }

  @Override
  public boolean carriesIds() {
    return true;
  }

  /** A plain Parquet table ({@link PlainParquet}); CSV tables are read by Spark. */
  @Override
  Optional<DriverRead> withoutSpark(Configuration conf, RepresentationInput input,
      long budgetBytes) {
    if (kind != InputFormat.PARQUET) {
      return Optional.empty();
    }
    String idColumn = RepresentationReader.idColumn(input);
    return PlainParquet.inspect(conf, input.uri(), "representations")
        .filter(table -> table.supportsRepresentations(idColumn, input.vectorColumn()))
        .filter(table -> table.representationBytes(idColumn) <= budgetBytes)
        .map(table -> (featureIds, featuresSource) ->
            table.representations(idColumn, input.vectorColumn()));
  }

  @Override
  Representations read(SparkSession spark, RepresentationInput input, List<String> featureIds,
      String featuresSource) {
    String idColumn = RepresentationReader.idColumn(input);
    return RepresentationFrames.toRepresentations(
        TableReader.read(spark, input.uri(), kind, idColumn, "representations"), idColumn,
        input.vectorColumn(), input.uri());
  }
}
