package org.mlem.jobs.sweep;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.io.SetInputs;

/**
 * One representation set of a sweep: a file or directory of its own (a glob match), one dataset
 * of an HDF5 file, or the rows of one value of the set column of a Parquet table.
 *
 * @param name the set's name (directory name, file stem, dataset name or column value); also
 *     its run directory's name under {@code OUT/runs/}
 * @param uri where it comes from, for provenance and messages (e.g. {@code layers.h5#/layer3}
 *     or {@code layers.parquet [layer=3]})
 * @param input how to read it: a file-based set is read as {@code mlem fit} reads
 *     {@code --representations}; for a table set, the table and its reading options
 * @param setColumn the set column of a table set, else null
 * @param setValue the set column's value of a table set, else null
 * @param tableFile provenance of the whole table of a table set (described once), else null
 * @param cut a set cut from brain data read once (an ROI of NIfTI volumes, a time window of
 *     epochs), else null
 */
public record RepresentationSet(String name, String uri, RepresentationInput input,
    String setColumn, Object setValue, InputFile tableFile, CutSet cut) {

  /** A set that is a file or directory (or one HDF5 dataset, .npz array, tensor) of its own. */
  static RepresentationSet ofFile(String name, String uri, RepresentationInput input) {
    return new RepresentationSet(name, uri, input, null, null, null, null);
  }

  /** A set cut from brain data already read and checked. */
  static RepresentationSet ofCut(String name, String uri, RepresentationInput input,
      CutSet cut) {
    return new RepresentationSet(name, uri, input, null, null, null, cut);
  }

  /** Whether this set is the rows of one value of a table's set column. */
  public boolean fromTable() {
    return setColumn != null;
  }

  /**
   * Reads this set and joins it by id to the features, with the readers and checks of
   * {@code mlem fit}.
   *
   * @throws org.mlem.jobs.io.InputException on bad input, naming the set's source
   */
  public LoadedInputs load(SparkSession spark, SetInputs.LoadedFeatures features) {
    return load(spark, features, org.mlem.core.distance.IdsFrom.REFUSE);
  }

  /** As {@link #load(SparkSession, SetInputs.LoadedFeatures)}, joining ids by {@code idsFrom}. */
  public LoadedInputs load(SparkSession spark, SetInputs.LoadedFeatures features,
      org.mlem.core.distance.IdsFrom idsFrom) {
    if (cut != null) {
      return SetInputs.withArray(spark, features, cut.values().get(), uri, input.idsUri(),
          cut.files(), idsFrom);
    }
    if (!fromTable()) {
      return SetInputs.withRepresentations(spark, features, input, idsFrom);
    }
    Dataset<Row> frame = org.mlem.jobs.io.LiteralPaths.read(spark).parquet(input.uri())
        .filter(functions.col(setColumn).equalTo(functions.lit(setValue)))
        .drop(setColumn);
    String idColumn = input.idColumn() == null ? "id" : input.idColumn();
    return SetInputs.withRepresentationFrame(
        features, frame, idColumn, input.vectorColumn(), uri, tableFile, idsFrom);
  }

  /**
   * Reads this set on the driver without Spark and joins it by id to the features, with the
   * readers, checks and result of {@link #load(SparkSession, SetInputs.LoadedFeatures,
   * org.mlem.core.distance.IdsFrom)}: a set cut from brain data already in memory, or a file
   * set in a format read on the driver ({@link SetInputs#withRepresentationsWithoutSpark}).
   *
   * @param budgetBytes a Parquet set whose footers say its matrix may exceed this is left unread
   * @return the set, or empty (nothing read) when it needs Spark: a table set, an RDM, a format
   *     read through Spark SQL
   * @throws org.mlem.jobs.io.InputException on bad input, naming the set's source
   */
  public java.util.Optional<LoadedInputs> loadWithoutSpark(
      org.apache.hadoop.conf.Configuration conf, SetInputs.LoadedFeatures features,
      org.mlem.core.distance.IdsFrom idsFrom, long budgetBytes) {
    if (cut != null) {
      return java.util.Optional.of(SetInputs.withArray(conf, features, cut.values().get(), uri,
          input.idsUri(), cut.files(), idsFrom));
    }
    if (fromTable()) {
      return java.util.Optional.empty();
    }
    return SetInputs.withRepresentationsWithoutSpark(conf, features, input, idsFrom,
        budgetBytes);
  }

  /**
   * Reads this set on its own, with no feature table (for {@code mlem rsa}): a table's rows with
   * their ids; an array's rows with the ids file's ids, else their row numbers
   * ({@link org.mlem.jobs.io.UnjoinedReader}).
   *
   * @throws org.mlem.jobs.io.InputException on bad input, naming the set's source
   */
  public org.mlem.core.distance.Representations loadUnjoined(SparkSession spark) {
    if (cut != null) {
      return org.mlem.jobs.io.UnjoinedReader.fromArray(spark, cut.values().get(), uri,
          input.idsUri());
    }
    if (!fromTable()) {
      return org.mlem.jobs.io.UnjoinedReader.read(spark, input);
    }
    Dataset<Row> frame = org.mlem.jobs.io.LiteralPaths.read(spark).parquet(input.uri())
        .filter(functions.col(setColumn).equalTo(functions.lit(setValue)))
        .drop(setColumn);
    String idColumn = input.idColumn() == null ? "id" : input.idColumn();
    return org.mlem.jobs.io.UnjoinedReader.fromFrame(frame, idColumn, input.vectorColumn(), uri);
  }

  /** Provenance of the files this set is read from (its ids file included). */
  public java.util.List<InputFile> inputFiles(SparkSession spark) {
    java.util.List<InputFile> files = new java.util.ArrayList<>();
    if (cut != null) {
      files.addAll(cut.files());
    } else if (fromTable()) {
      files.add(tableFile);
    } else {
      files.add(org.mlem.jobs.io.UnjoinedReader.describe(spark, input.uri(), "representations"));
    }
    if (input.idsUri() != null) {
      files.add(org.mlem.jobs.io.UnjoinedReader.describe(spark, input.idsUri(),
          "representation ids"));
    }
    return files;
  }
}
