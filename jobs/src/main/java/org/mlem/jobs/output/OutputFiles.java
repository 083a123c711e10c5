package org.mlem.jobs.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file operations shared by the writers of output directories (runs, experiments): a small
 * table as one Parquet file, a text file, and the atomic move of a completed temporary
 * directory into place (the previous one, with overwrite, is moved aside first and deleted only
 * once the new one is in place).
 */
public final class OutputFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OutputFiles.class);

  private OutputFiles() {}

  /** Writes the table as Parquet (one file) at {@code path}. */
  public static void writeParquet(SparkSession spark, RunTable table, Path path) {
    List<Row> rows = new ArrayList<>(table.rows().size());
    for (Object[] values : table.rows()) {
      rows.add(RowFactory.create(values));
    }
    spark.createDataFrame(rows, table.sparkSchema()).coalesce(1).write()
        .parquet(path.toString());
  }

  /** Writes {@code text} as UTF-8 to a new file. */
  public static void writeText(FileSystem fs, Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Renames the completed {@code temp} directory to {@code target}.
   *
   * @throws OutputExistsException if target exists and overwrite is false
   */
  public static void moveIntoPlace(
      FileSystem fs, Path temp, Path target, boolean overwrite, String unique) throws IOException {
    Path old = null;
    if (fs.exists(target)) {
      if (!overwrite) {
        throw new OutputExistsException(target.toString());
      }
      old = new Path(target.getParent(), target.getName() + "._old-" + unique);
      if (!fs.rename(target, old)) {
        throw new IOException("cannot move the previous output " + target + " aside to " + old);
      }
    }
    if (!fs.rename(temp, target)) {
      if (old != null && !fs.rename(old, target)) {
        LOG.error("the previous output was left at {}", old);
      }
      throw new IOException("cannot rename " + temp + " to " + target);
    }
    if (old != null && !fs.delete(old, true)) {
      LOG.warn("cannot delete the previous output, moved aside to {}", old);
    }
  }
}
