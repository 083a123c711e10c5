package org.mlem.jobs.io;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a Parquet or CSV table (file or directory, any Hadoop URI) with Spark, in file order:
 * rows sorted by file path, then by their position in the file, so a directory of part files
 * always yields the same row order (which defines the stimulus order of a feature table).
 *
 * <p>CSV: a header row, {@code inferSchema} so numeric columns are numeric (a column with any
 * non-numeric cell stays a string column), empty cells are null; the id column is always read
 * as text, so ids like "007" keep their leading zeros.
 */
final class TableReader {
  private static final String FILE = "__mlem_file";
  private static final String POSITION = "__mlem_position";
  private static final String CORRUPT = "__mlem_corrupt_record";

  private TableReader() {}

  /**
   * @param format PARQUET or CSV
   * @param idColumn the id column, read as text from CSV
   */
  static Dataset<Row> read(SparkSession spark, String uri, InputFormat format, String idColumn,
      String role) {
    Dataset<Row> frame;
    try {
      if (format == InputFormat.PARQUET) {
        frame = LiteralPaths.read(spark).parquet(uri);
      } else if (format == InputFormat.CSV) {
        frame = csv(spark, uri, idColumn, role);
      } else {
        throw new IllegalStateException("not a table format: " + format);
      }
    } catch (Exception e) {
      // AnalysisException is checked in Scala's view only; catch broadly and keep the cause.
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw new InputException("cannot read the " + role + " file " + uri + " as "
          + format.name().toLowerCase(java.util.Locale.ROOT) + ": " + firstLine(e), e);
    }
    return inFileOrder(frame);
  }

  private static Dataset<Row> csv(SparkSession spark, String uri, String idColumn, String role) {
    Dataset<Row> inferred = LiteralPaths.read(spark).option("header", "true")
        .option("inferSchema", "true").csv(uri);
    StructType schema = inferred.schema();
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(idColumn)) {
        fields[i] = new StructField(idColumn, DataTypes.StringType, true, fields[i].metadata());
      }
    }
    StructType withCorrupt = new StructType(fields).add(CORRUPT, DataTypes.StringType, true);
    Dataset<Row> frame = LiteralPaths.read(spark).option("header", "true")
        .option("columnNameOfCorruptRecord", CORRUPT).schema(withCorrupt).csv(uri);
    requireNoExtraFields(frame, fields.length, uri, role);
    return frame.drop(CORRUPT);
  }

  /**
   * Spark keeps the first N fields of a row with more fields than the header's N columns and
   * drops the rest silently; such a row is refused, naming it. (A row with fewer fields reads
   * as nulls, which the readers report with the column.)
   */
  private static void requireNoExtraFields(Dataset<Row> frame, int columns, String uri,
      String role) {
    List<Row> bad = frame.filter(functions.col(CORRUPT).isNotNull()).limit(50).collectAsList();
    for (Row row : bad) {
      boolean complete = true;
      for (int c = 0; c < columns; c++) {
        complete &= !row.isNullAt(c);
      }
      if (complete) {
        String line = row.getString(columns).strip();
        throw new InputException(role + " file " + uri + ": the row '"
            + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "' has more fields"
            + " than the header's " + columns + " columns; remove the extra fields, or quote a"
            + " value that holds a comma");
      }
    }
  }

  /**
   * Sorts by (file path, position) when there are several files; a single file is read in
   * offset order already (its splits are packed in order), so it needs no sort.
   */
  private static Dataset<Row> inFileOrder(Dataset<Row> frame) {
    if (frame.inputFiles().length <= 1) {
      return frame;
    }
    return frame.withColumn(FILE, functions.col("_metadata.file_path"))
        .withColumn(POSITION, functions.monotonically_increasing_id())
        .orderBy(FILE, POSITION)
        .drop(FILE, POSITION);
  }

  /** The first line of the root cause's message (not Spark's wrapper, see FailureCauses). */
  static String firstLine(Throwable e) {
    return FailureCauses.rootLine(e);
  }
}
