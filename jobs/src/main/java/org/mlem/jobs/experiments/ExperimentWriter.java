package org.mlem.jobs.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.output.CsvText;
import org.mlem.jobs.output.OutputExistsException;
import org.mlem.jobs.output.RunDirectoryWriter;
import org.mlem.jobs.output.RunTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an experiment's output directory through Hadoop's FileSystem (any URI): one
 * {@code NAME.csv} per table, a Parquet directory {@code NAME/} per table when a Spark session
 * is given, the JSON manifest, and {@code _SUCCESS} last.
 *
 * <p>Atomic like a fit's run directory: everything goes into a temporary sibling
 * {@code DIR._tmp-<unique>}, renamed to DIR only once complete; on failure the temporary is
 * deleted and DIR is left as it was. With overwrite an existing DIR is replaced only after the
 * new output is complete; without it an existing DIR is refused ({@link OutputExistsException}).
 */
public final class ExperimentWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentWriter.class);

  private final SparkSession spark;
  private final Configuration conf;

  /**
   * @param spark the session that writes Parquet copies, or null to write CSV only
   */
  public ExperimentWriter(SparkSession spark) {
    this.spark = spark;
    this.conf = spark != null ? spark.sparkContext().hadoopConfiguration() : new Configuration();
  }

  /**
   * Writes the directory.
   *
   * @param dir the output directory (any Hadoop URI or local path)
   * @param overwrite replace an existing directory once the new one is complete
   * @param tables the tables
   * @param manifestName the JSON file name, e.g. {@code simulate.json}
   * @param manifest the JSON content (maps, lists, strings, numbers)
   * @throws OutputExistsException if DIR exists and overwrite is false
   * @throws UncheckedIOException if writing fails (nothing is left at DIR then)
   */
  public void write(String dir, boolean overwrite, List<RunTable> tables, String manifestName,
      Map<String, Object> manifest) {
    RunDirectoryWriter.requireWritable(conf, dir, overwrite);
    Path target = new Path(dir);
    String unique = Long.toHexString(ProcessHandle.current().pid()) + "-"
        + Long.toHexString(System.nanoTime());
    Path temp = new Path(target.getParent(), target.getName() + "._tmp-" + unique);
    try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
      fs.setWriteChecksum(false);
      boolean done = false;
      try {
        if (!fs.mkdirs(temp)) {
          throw new IOException("cannot create " + temp);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeText(fs, new Path(temp, manifestName), json.writeValueAsString(manifest) + "\n");
        for (RunTable table : tables) {
          writeText(fs, new Path(temp, table.name() + ".csv"), CsvText.of(table));
          if (spark != null) {
            writeParquet(table, new Path(temp, table.name()));
          }
        }
        writeText(fs, new Path(temp, RunDirectoryWriter.SUCCESS), "");
        moveIntoPlace(fs, temp, target, overwrite, unique);
        done = true;
      } finally {
        if (!done) {
          try {
            fs.delete(temp, true);
          } catch (IOException e) {
            LOG.warn("cannot delete the temporary directory {}: {}", temp, e.toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the output directory " + dir + ": " + e, e);
    }
  }

  private void writeParquet(RunTable table, Path path) {
    List<Row> rows = new ArrayList<>(table.rows().size());
    for (Object[] values : table.rows()) {
      rows.add(RowFactory.create(values));
    }
    spark.createDataFrame(rows, table.sparkSchema()).coalesce(1).write().parquet(path.toString());
  }

  private static void writeText(FileSystem fs, Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void moveIntoPlace(
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
