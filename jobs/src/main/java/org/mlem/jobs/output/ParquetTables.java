package org.mlem.jobs.output;

import java.io.IOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;

/**
 * Writes a {@link RunTable} as a Parquet table without Spark, for runs that do not start Spark
 * (the in-process engine): a directory holding one part file ({@link ParquetFiles}) and
 * {@code _SUCCESS}, with the column types Spark gives the same table ({@link RunTable#sparkSchema}:
 * required UTF-8 strings, int32, double), so Spark, pandas and the report read both the same way.
 */
public final class ParquetTables {
  /** The part file's name inside the table's directory. */
  static final String PART = "part-00000.snappy.parquet";

  private ParquetTables() {}

  /** The table's Parquet schema: every column required. */
  static MessageType schema(RunTable table) {
    try {
      return ParquetFiles.schema(table.columns(), table.types(), Set.copyOf(table.columns()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("table " + table.name() + " " + e.getMessage(), e);
    }
  }

  /** Writes DIR/part-00000.snappy.parquet and DIR/_SUCCESS. */
  public static void write(FileSystem fs, Configuration conf, RunTable table, Path dir)
      throws IOException {
    write(fs, conf, schema(table), table.rows(), dir, PART);
  }

  /**
   * Writes {@code rows} as the table DIR as Spark lays one out: DIR/{@code part} and
   * DIR/_SUCCESS ({@link ParquetFiles#write} for the rows' types).
   */
  public static void write(FileSystem fs, Configuration conf, MessageType schema,
      java.util.List<Object[]> rows, Path dir, String part) throws IOException {
    fs.mkdirs(dir);
    ParquetFiles.write(fs, conf, schema, rows, new Path(dir, part));
    fs.create(new Path(dir, OutputFiles.SUCCESS), false).close();
  }
}
