package org.mlem.jobs.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the run directory of one fit through Hadoop's FileSystem (any URI: file, hdfs, s3a):
 * {@code run.json}, the Parquet tables of {@link RunTables} (one file each, via Spark), their CSV
 * copies plus {@code weights.csv} as an F x F matrix, and {@code _SUCCESS} last.
 *
 * <p>Atomicity: everything but {@code _SUCCESS} goes into a temporary sibling
 * {@code DIR._tmp-<unique>} which is renamed to DIR only when complete; {@code _SUCCESS} is then
 * written into DIR, last, as the commit marker. On any failure before the rename the temporary
 * is deleted and DIR is left as it was (absent, or the previous run when overwriting). With
 * overwrite an existing DIR is replaced only after the new run is complete (its
 * {@code _SUCCESS} is deleted first, so that it is never trusted while being moved aside);
 * without it an existing DIR is refused before anything is written
 * ({@link OutputExistsException}).
 *
 * <p>Why the marker comes after the rename: on HDFS and local filesystems the directory rename
 * is atomic, but object stores (s3a, gs, abfs without hierarchical namespace) rename by copying
 * file by file and deleting, so DIR can be seen, or left by a crash, half copied. Every reader
 * therefore trusts only a run directory holding {@code _SUCCESS} ({@link #missingPart} for a
 * sweep's resume, {@code mlem report}); one without it is incomplete and {@code --overwrite}
 * or a sweep's resume replaces it.
 */
public final class RunDirectoryWriter {

  private static final Logger LOG = LoggerFactory.getLogger(RunDirectoryWriter.class);

  /** Null when the tables are written without Spark ({@link ParquetTables}). */
  private final SparkSession spark;
  private final Configuration conf;
  private final String sparkVersion;
  private final Consumer<String> afterEachFile;

  /** @param spark the session that writes the Parquet tables (its Hadoop configuration is used) */
  public RunDirectoryWriter(SparkSession spark) {
    this(spark, name -> {});
  }

  /** For tests: {@code afterEachFile} is called with each file or table name once written. */
  RunDirectoryWriter(SparkSession spark, Consumer<String> afterEachFile) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.conf = spark.sparkContext().hadoopConfiguration();
    this.sparkVersion = spark.version();
    this.afterEachFile = Objects.requireNonNull(afterEachFile, "afterEachFile");
  }

  private RunDirectoryWriter(Configuration conf) {
    this.spark = null;
    this.conf = Objects.requireNonNull(conf, "conf");
    this.sparkVersion = ProvenanceRecord.sparkLibraryVersion();
    this.afterEachFile = name -> {};
  }

  /**
   * A writer that needs no Spark session (the in-process engine): the same files, the Parquet
   * tables written by {@link ParquetTables}.
   */
  public static RunDirectoryWriter withoutSpark(Configuration conf) {
    return new RunDirectoryWriter(conf);
  }

  /**
   * Whether DIR may be written: absent, or present and {@code overwrite} set.
   *
   * @throws OutputExistsException if DIR exists and {@code overwrite} is false
   */
  public static void requireWritable(Configuration conf, String dir, boolean overwrite) {
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      requireNotBelowAFile(fs, path, dir);
      if (!fs.exists(path)) {
        return;
      }
      if (!overwrite) {
        throw new OutputExistsException(dir);
      }
      String foreign = foreignEntries(fs, path);
      if (foreign != null) {
        throw new OutputExistsException(dir, "--out " + dir + " exists and is not a run"
            + " directory of mlem (" + foreign + "); --overwrite replaces only a previous run"
            + " directory: choose a new --out, or move it away yourself");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the output directory " + dir, e);
    }
  }

  /**
   * {@link #requireWritable} for an experiment's output directory ({@code mlem simulate},
   * {@code mlem robustness}): with overwrite, an existing DIR is replaced only when it is a
   * previous one, a directory holding {@code manifestName} and {@code _SUCCESS}.
   *
   * @throws OutputExistsException if DIR exists and may not be replaced
   */
  public static void requireExperimentWritable(Configuration conf, String dir, boolean overwrite,
      String manifestName) {
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      requireNotBelowAFile(fs, path, dir);
      if (!fs.exists(path)) {
        return;
      }
      if (!overwrite) {
        throw new OutputExistsException(dir);
      }
      if (!fs.getFileStatus(path).isDirectory() || !fs.exists(new Path(path, manifestName))
          || !fs.exists(new Path(path, OutputFiles.SUCCESS))) {
        throw new OutputExistsException(dir, "--out " + dir + " exists and is not an output"
            + " directory of this command (no " + manifestName + " and " + OutputFiles.SUCCESS
            + ");"
            + " --overwrite replaces only a previous one: choose a new --out, or move it away"
            + " yourself");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the output directory " + dir, e);
    }
  }

  /**
   * Fails when an existing ancestor of DIR is a file (nothing could be created below it).
   *
   * @throws OutputExistsException naming the file (exit code 2)
   */
  public static void requireNotBelowAFile(FileSystem fs, Path path, String dir)
      throws IOException {
    for (Path p = path.getParent(); p != null; p = p.getParent()) {
      if (fs.exists(p)) {
        if (!fs.getFileStatus(p).isDirectory()) {
          throw new OutputExistsException(dir, "--out " + dir + " is below " + p
              + ", which is a file, not a directory; choose another --out");
        }
        return;
      }
    }
  }

  /**
   * Null when DIR is a run directory this writer made (run.json, and nothing but its own files
   * and {@code report.html}), else what disqualifies it, for the message.
   */
  static String foreignEntries(FileSystem fs, Path dir) throws IOException {
    FileStatus status = fs.getFileStatus(dir);
    if (!status.isDirectory()) {
      return "it is a file";
    }
    Set<String> own = new HashSet<>(
        List.of(OutputFiles.RUN_JSON, OutputFiles.SUCCESS, OutputFiles.REPORT_HTML));
    for (String t : OutputFiles.RUN_TABLES) {
      own.add(t);
      own.add(OutputFiles.csv(t));
    }
    List<String> other = new ArrayList<>();
    boolean manifest = false;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      manifest |= name.equals(OutputFiles.RUN_JSON);
      if (!own.contains(name) && !name.startsWith(".")) {
        other.add(name);
      }
    }
    if (!manifest) {
      other.sort(null);
      return "no " + OutputFiles.RUN_JSON + (other.isEmpty() ? "" : "; it holds "
          + String.join(", ", other.subList(0, Math.min(5, other.size())))
          + (other.size() > 5 ? ", ..." : ""));
    }
    if (!other.isEmpty()) {
      other.sort(null);
      return "it also holds " + String.join(", ", other.subList(0, Math.min(5, other.size())))
          + (other.size() > 5 ? ", ..." : "");
    }
    return null;
  }

  /**
   * Whether DIR is a complete run directory: {@code _SUCCESS}, {@code run.json}, every table's
   * Parquet directory with a data file in it, and every table's non-empty CSV. A sweep's resume
   * skips a set only when this holds, not on {@code _SUCCESS} alone.
   *
   * @return null when complete, else the first missing part (for the message)
   */
  public static String missingPart(Configuration conf, String dir) {
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      for (String file : List.of(OutputFiles.SUCCESS, OutputFiles.RUN_JSON)) {
        if (!fs.exists(new Path(path, file))) {
          return file;
        }
      }
      for (String t : OutputFiles.RUN_TABLES) {
        Path csv = new Path(path, OutputFiles.csv(t));
        if (!fs.exists(csv) || fs.getFileStatus(csv).getLen() == 0) {
          return OutputFiles.csv(t);
        }
        Path table = new Path(path, t);
        if (!fs.exists(table) || !fs.getFileStatus(table).isDirectory()) {
          return t + "/";
        }
        boolean data = false;
        for (FileStatus s : fs.listStatus(table)) {
          String name = s.getPath().getName();
          data |= name.startsWith("part-") && s.getLen() > 0;
        }
        if (!data) {
          return t + "/part-*";
        }
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Writes the run to {@code dir}.
   *
   * @param run what to write
   * @param dir the run directory, any Hadoop URI or local path
   * @param overwrite replace an existing directory (only once the new one is complete)
   * @throws OutputExistsException if DIR exists and {@code overwrite} is false
   * @throws UncheckedIOException if writing fails (nothing is left at DIR then)
   */
  public void write(RunOutput run, String dir, boolean overwrite) {
    requireWritable(conf, dir, overwrite);
    Path target = new Path(dir);
    FileSystem fs;
    try {
      fs = FileSystem.newInstance(target.toUri(), conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the filesystem of " + dir, e);
    }
    try {
      fs.setWriteChecksum(false);
      OutputFiles.cleanStaleSiblings(fs, target, overwrite);
      AtomicOutput.writeDirectory(fs, target, overwrite, temp -> writeAll(run, fs, temp));
      afterEachFile.accept(OutputFiles.SUCCESS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run directory " + dir + ": " + e, e);
    } finally {
      try {
        fs.close();
      } catch (IOException e) {
        LOG.warn("closing the filesystem of {} failed: {}", dir, e.toString());
      }
    }
  }

  private void writeAll(RunOutput run, FileSystem fs, Path temp) throws IOException {
    OutputFiles.writeText(fs, new Path(temp, OutputFiles.RUN_JSON),
        ProvenanceJson.write(RunManifest.of(run, sparkVersion)));
    afterEachFile.accept(OutputFiles.RUN_JSON);
    for (RunTable table : RunTables.of(run.analysis())) {
      if (spark != null) {
        OutputFiles.writeParquet(spark, table, new Path(temp, table.name()));
      } else {
        ParquetTables.write(fs, conf, table, new Path(temp, table.name()));
      }
      afterEachFile.accept(table.name());
      String csvName = OutputFiles.csv(table.name());
      String csv = table.name().equals(OutputFiles.WEIGHTS)
          ? CsvText.matrix(run.analysis().featureNames(), run.analysis().weights())
          : CsvText.of(table);
      OutputFiles.writeText(fs, new Path(temp, csvName), csv);
      afterEachFile.accept(csvName);
    }
  }

}
