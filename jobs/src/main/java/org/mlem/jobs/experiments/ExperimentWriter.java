package org.mlem.jobs.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.output.AtomicOutput;
import org.mlem.jobs.output.CsvText;
import org.mlem.jobs.output.OutputExistsException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ParquetTables;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.output.RunDirectoryWriter;
import org.mlem.jobs.output.RunTable;

/**
 * Writes an experiment's output directory through Hadoop's FileSystem (any URI): one
 * {@code NAME.csv} per table, a Parquet directory {@code NAME/} per table (by Spark when a
 * session is given, else on the driver when asked), the provenance ({@link ProvenanceJson}), and {@code _SUCCESS} last.
 *
 * <p>Atomic like a fit's run directory: everything goes into a temporary sibling
 * {@code DIR._tmp-<unique>}, renamed to DIR only once complete; on failure the temporary is
 * deleted and DIR is left as it was. With overwrite an existing DIR is replaced only after the
 * new output is complete; without it an existing DIR is refused ({@link OutputExistsException}).
 */
public final class ExperimentWriter {

  private final SparkSession spark;
  private final Configuration conf;
  /** Whether Parquet copies are written without Spark (when no session is given). */
  private final boolean plainParquet;

  /**
   * @param spark the session that writes Parquet copies, or null to write CSV only
   */
  public ExperimentWriter(SparkSession spark) {
    this.spark = spark;
    this.conf = spark != null ? spark.sparkContext().hadoopConfiguration() : new Configuration();
    this.plainParquet = false;
  }

  /**
   * A writer without Spark, for an experiment that ran in process: its Parquet copies, if
   * wanted, are written on the driver ({@link ParquetTables}: the column types Spark gives the
   * same tables).
   *
   * @param conf resolves the output path
   * @param parquet whether Parquet copies are written beside the CSV files
   */
  public ExperimentWriter(Configuration conf, boolean parquet) {
    this.spark = null;
    this.conf = java.util.Objects.requireNonNull(conf, "conf");
    this.plainParquet = parquet;
  }

  /**
   * Writes the directory.
   *
   * @param dir the output directory (any Hadoop URI or local path)
   * @param overwrite replace an existing directory once the new one is complete
   * @param tables the tables
   * @param manifestName the JSON file name, e.g. {@code simulate.json}
   * @param provenance the provenance written as {@code manifestName}
   * @throws OutputExistsException if DIR exists and overwrite is false
   * @throws UncheckedIOException if writing fails (nothing is left at DIR then)
   */
  public void write(String dir, boolean overwrite, List<RunTable> tables, String manifestName,
      ProvenanceRecord provenance) {
    RunDirectoryWriter.requireExperimentWritable(conf, dir, overwrite, manifestName);
    Path target = new Path(dir);
    try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
      fs.setWriteChecksum(false);
      AtomicOutput.writeDirectory(fs, target, overwrite, temp -> {
        OutputFiles.writeText(fs, new Path(temp, manifestName), ProvenanceJson.write(provenance));
        for (RunTable table : tables) {
          OutputFiles.writeText(fs, new Path(temp, OutputFiles.csv(table.name())),
              CsvText.of(table));
          if (spark != null) {
            OutputFiles.writeParquet(spark, table, new Path(temp, table.name()));
          } else if (plainParquet) {
            ParquetTables.write(fs, conf, table, new Path(temp, table.name()));
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the output directory " + dir + ": " + e, e);
    }
  }
}
