package org.mlem.jobs.rsa;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.output.AtomicOutput;
import org.mlem.jobs.output.CsvText;
import org.mlem.jobs.output.OutputExistsException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.output.RunDirectoryWriter;
import org.mlem.jobs.output.RunTable;

/**
 * Writes {@code mlem rsa}'s output directory atomically (as every output directory): rsa.json,
 * rsa.csv and rsa.parquet into a temporary sibling, renamed into place once complete, then
 * {@code _SUCCESS}; on failure nothing is left at OUT. An existing OUT is refused unless
 * overwrite is given and it is a previous output of {@code mlem rsa}.
 */
final class RsaWriter {
  private final SparkSession spark;

  RsaWriter(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Fails early when OUT cannot be written (exists without overwrite, is not an RSA output, is
   * below a file).
   *
   * @throws OutputExistsException naming OUT (exit code 2)
   */
  static void requireWritable(SparkSession spark, String dir, boolean overwrite) {
    RunDirectoryWriter.requireExperimentWritable(spark.sparkContext().hadoopConfiguration(),
        dir, overwrite, OutputFiles.RSA_JSON);
  }

  /** Writes OUT. */
  void write(String dir, boolean overwrite, RunTable table, ProvenanceRecord provenance) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    requireWritable(spark, dir, overwrite);
    Path target = new Path(dir);
    try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
      fs.setWriteChecksum(false);
      AtomicOutput.writeDirectory(fs, target, overwrite, temp -> {
        OutputFiles.writeText(fs, new Path(temp, OutputFiles.RSA_JSON),
            ProvenanceJson.write(provenance));
        OutputFiles.writeText(fs, new Path(temp, OutputFiles.csv(table.name())),
            CsvText.of(table));
        OutputFiles.writeParquet(spark, table, new Path(temp, OutputFiles.RSA_PARQUET));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the output directory " + dir + ": " + e, e);
    }
  }
}
