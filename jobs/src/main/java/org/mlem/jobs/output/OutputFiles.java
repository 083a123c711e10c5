package org.mlem.jobs.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of every output file and directory MLEM writes (the one place they are spelled; the
 * writers and the reports use these), and the file operations shared by the writers of output
 * directories (runs, experiments): a small
 * table as one Parquet file, a text file, and the atomic move of a completed temporary
 * directory into place (the previous one, with overwrite, is moved aside first and deleted only
 * once the new one is in place).
 */
public final class OutputFiles {
  /** The marker written last into a complete output directory (run, sweep, experiment). */
  public static final String SUCCESS = "_SUCCESS";
  /** A fit run directory's provenance. */
  public static final String RUN_JSON = "run.json";
  /** A sweep's provenance. */
  public static final String SWEEP_JSON = "sweep.json";
  /** A sweep's shared batch size. */
  public static final String BATCH_SIZE_JSON = "batch_size.json";
  /** {@code mlem robustness}'s provenance. */
  public static final String ROBUSTNESS_JSON = "robustness.json";
  /** The provenance of {@code mlem efficiency}. */
  public static final String EFFICIENCY_JSON = "efficiency.json";
  /** {@code mlem simulate}'s provenance. */
  public static final String SIMULATE_JSON = "simulate.json";
  /** {@code mlem rsa}'s provenance. */
  public static final String RSA_JSON = "rsa.json";
  /** The HTML report written into any output directory. */
  public static final String REPORT_HTML = "report.html";
  /** A sweep's directory of one run directory per set. */
  public static final String SWEEP_RUNS = "runs";
  /** A sweep's combined table (Parquet partitioned by set; {@link #csv} for the CSV). */
  public static final String COMBINED = "combined";

  /** A fit run's table W, by (row, column); its CSV is the F x F matrix. */
  public static final String WEIGHTS = "weights";
  /** A fit run's table of importance per fold, unit and permutation. */
  public static final String IMPORTANCE = "importance";
  /** A fit run's table of importance per unit (mean, std, interval). */
  public static final String IMPORTANCE_SUMMARY = "importance_summary";
  /** A fit run's table of held-out scores per fold and their mean. */
  public static final String SCORES = "scores";
  /** A fit run's table of the score early stopping watched, per fold and step. */
  public static final String HISTORY = "history";
  /** The tables of a fit run directory (each Parquet and {@link #csv}), in writing order. */
  public static final List<String> RUN_TABLES =
      List.of(WEIGHTS, IMPORTANCE, IMPORTANCE_SUMMARY, SCORES, HISTORY);

  /** {@code mlem robustness}'s table, one row per model, noise level and seed. */
  public static final String ROBUSTNESS = "robustness";
  /** The table of {@code mlem efficiency}: scores and profile agreement per fit. */
  public static final String EFFICIENCY = "efficiency";
  /** The table of {@code mlem efficiency}: each fit's importance per unit. */
  public static final String EFFICIENCY_IMPORTANCE = "efficiency_importance";
  /** {@code mlem simulate}'s table, one row per fit. */
  public static final String SIMULATION_RUNS = "runs";
  /** {@code mlem simulate}'s importance table. */
  public static final String SIMULATION_IMPORTANCE = "importance";
  /** {@code mlem simulate}'s weighted-tau table. */
  public static final String WEIGHTED_TAU = "weighted_tau";
  /** A searchlight's table, one row per sphere and unit ({@link #csv} for the CSV). */
  public static final String SEARCHLIGHT = "searchlight";
  /** A searchlight's grid and settings (shape, affine, radius, stride, spheres, units). */
  public static final String SEARCHLIGHT_JSON = "searchlight.json";
  /** A searchlight's partitioned long table (one partition {@code wave=<n>} per wave). */
  public static final String SEARCHLIGHT_TABLE = "searchlight.parquet";
  /** The settings a searchlight's partitions were written with (resume checks them). */
  public static final String SEARCHLIGHT_SETTINGS_JSON = "searchlight_settings.json";
  /** A searchlight's NIfTI maps directory. */
  public static final String SEARCHLIGHT_MAPS = "maps";

  /** {@code mlem rsa}'s table, one row per two sets a &lt;= b ({@link #csv} for the CSV). */
  public static final String RSA = "rsa";
  /** {@code mlem rsa}'s table as Parquet. */
  public static final String RSA_PARQUET = RSA + ".parquet";
  /**
   * The directory inside a sweep's output where {@code mlem rsa --out SWEEP/rsa} writes the sets'
   * RSA matrix; the sweep report shows it when present.
   */
  public static final String SWEEP_RSA = "rsa";

  private static final Logger LOG = LoggerFactory.getLogger(OutputFiles.class);

  /** The CSV copy of a table: {@code NAME.csv}. */
  public static String csv(String table) {
    return table + ".csv";
  }

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

  /**
   * When the file or directory at {@code uri} was last modified (milliseconds since the epoch),
   * or null when it does not exist or cannot be read (e.g. to tell what an interrupted command
   * left behind).
   */
  public static Long modifiedMillis(String uri) {
    try {
      Path p = new Path(uri);
      FileSystem fs = p.getFileSystem(new org.apache.hadoop.conf.Configuration());
      return fs.exists(p) ? fs.getFileStatus(p).getModificationTime() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Writes {@code text} as UTF-8 to a new file. */
  public static void writeText(FileSystem fs, Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** How old a temporary on a non-local filesystem must be to count as abandoned. */
  static final long REMOTE_STALE_MILLIS = 24L * 3600 * 1000;

  /**
   * Deletes the {@code TARGET._tmp-<pid>-<n>} and {@code TARGET._old-<pid>-<n>} siblings that
   * killed writers left behind: on the local filesystem those whose process is gone, elsewhere
   * those older than a day (a live concurrent writer's temporaries are kept). When TARGET itself
   * is missing and a writer died between moving the previous run aside and moving the new one
   * in, that previous run ({@code ._old-}) is moved back first if {@code restore} (the caller
   * is about to replace it anyway, or it would be lost).
   *
   * @return how many were deleted
   */
  public static int cleanStaleSiblings(FileSystem fs, Path target, boolean restore)
      throws IOException {
    Path parent = target.getParent();
    if (parent == null || !fs.exists(parent)) {
      return 0;
    }
    String tmp = target.getName() + "._tmp-";
    String old = target.getName() + "._old-";
    List<FileStatus> stale = new ArrayList<>();
    for (FileStatus s : fs.listStatus(parent)) {
      String name = s.getPath().getName();
      String unique = name.startsWith(tmp) ? name.substring(tmp.length())
          : name.startsWith(old) ? name.substring(old.length()) : null;
      if (unique != null && abandoned(fs, s, unique)) {
        stale.add(s);
      }
    }
    if (restore && !fs.exists(target)) {
      FileStatus previous = null;
      for (FileStatus s : stale) {
        if (s.getPath().getName().startsWith(old)
            && (previous == null || s.getModificationTime() > previous.getModificationTime())) {
          previous = s;
        }
      }
      if (previous != null && fs.rename(previous.getPath(), target)) {
        LOG.warn("moved the previous output {} back to {}: a writer was killed while replacing"
            + " it", previous.getPath(), target);
        stale.remove(previous);
      }
    }
    int deleted = 0;
    for (FileStatus s : stale) {
      LOG.info("deleting {}, left by an interrupted write", s.getPath());
      if (fs.delete(s.getPath(), true)) {
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * Deletes the entries of {@code dir} named {@code prefix + "<pid>-<n>"} whose writer is gone
   * (as {@link #cleanStaleSiblings} decides), e.g. the {@code .report.html.tmp-} files of a
   * killed report.
   *
   * @return how many were deleted
   */
  public static int deleteAbandoned(FileSystem fs, Path dir, String prefix) throws IOException {
    if (!fs.exists(dir)) {
      return 0;
    }
    int deleted = 0;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith(prefix) && abandoned(fs, s, name.substring(prefix.length()))) {
        LOG.info("deleting {}, left by an interrupted write", s.getPath());
        if (fs.delete(s.getPath(), true)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  private static boolean abandoned(FileSystem fs, FileStatus s, String unique) {
    if (!"file".equals(fs.getScheme())) {
      return System.currentTimeMillis() - s.getModificationTime() > REMOTE_STALE_MILLIS;
    }
    int dash = unique.indexOf('-');
    long pid;
    try {
      pid = Long.parseLong(dash < 0 ? unique : unique.substring(0, dash), 16);
    } catch (NumberFormatException e) {
      return true;
    }
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
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
