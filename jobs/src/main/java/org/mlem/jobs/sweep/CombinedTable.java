package org.mlem.jobs.sweep;

import org.mlem.jobs.output.SetStatus;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ParquetFiles;
import org.mlem.jobs.output.SweepFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlem.jobs.output.RunTables;
import org.mlem.jobs.report.CsvRows;
import org.mlem.jobs.report.ReportFiles;
import org.apache.hadoop.conf.Configuration;

/**
 * The combined long table of a sweep: per set, one row per importance unit with the set's
 * held-out scores (columns {@link #COLUMNS}), read back from each complete run directory's
 * {@code importance_summary} and {@code scores} tables (so skipped and freshly fitted sets are
 * read the same way); a failed set is one row with a null unit, status "failed" and the reason;
 * a set without importances ({@code --permutations 0}) is one row with a null unit and its
 * scores. {@code kind} says which importance a row is ("stimulus" or "term") and
 * {@code interval} what ci_low..ci_high reflects ("across folds" or "permutation noise only");
 * see {@code RunTables}. {@code scoring} and {@code score} are the set's {@code --scoring} and
 * its held-out value (null for run directories written before scorings existed). Written as
 * Parquet partitioned by set (only the partitions of the sets written are replaced: those of
 * sets not in this sweep are kept) and as one CSV sorted by set (natural order) then unit (the
 * run's order).
 */
public final class CombinedTable {
  /** The columns, in order. */
  public static final List<String> COLUMNS = List.of("set", "unit", "mean", "std", "ci_low",
      "ci_high", "spearman", "rho_a", "tau_a", "status", "reason", "kind", "interval",
      "scoring", "score");

  private CombinedTable() {}

  /** The Spark schema (every column nullable but set and status). */
  public static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (String c : COLUMNS) {
      boolean text = c.equals("set") || c.equals("unit") || c.equals("status")
          || c.equals("reason") || c.equals("kind") || c.equals("interval")
          || c.equals("scoring");
      fields.add(DataTypes.createStructField(c,
          text ? DataTypes.StringType : DataTypes.DoubleType,
          !(c.equals("set") || c.equals("status"))));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * The rows of every set, in the outcomes' order (natural set order), units in run order, read
   * from the run directories' CSV tables on the driver (no Spark job per table; the CSV cells
   * hold every double exactly, {@link Double#toString}, and an empty cell is a null).
   *
   * @param conf resolves the run directories
   * @param outcomes one per set
   * @param out the sweep's output root (for the run directories)
   * @throws org.mlem.jobs.io.InputException if a complete set's table is missing or malformed
   */
  public static List<Object[]> rows(Configuration conf, List<SetOutcome> outcomes, String out) {
    ReportFiles files = new ReportFiles(conf);
    List<Object[]> rows = new ArrayList<>();
    for (SetOutcome o : outcomes) {
      String name = o.set().name();
      if (o.status() == SetStatus.FAILED) {
        rows.add(new Object[] {name, null, null, null, null, null, null, null, null,
            o.status().label(), o.reason(), null, null, null, null});
        continue;
      }
      String dir = SweepFiles.runDir(out, name);
      CsvRows scores = table(files, dir, OutputFiles.SCORES, "fold");
      int mean = -1;
      for (int r = 0; r < scores.size(); r++) {
        if (RunTables.MEAN_FOLD.equals(scores.text(r, "fold"))) {
          mean = r;
        }
      }
      Double spearman = number(scores, mean, "spearman");
      Double rhoA = number(scores, mean, "rho_a");
      Double tauA = number(scores, mean, "tau_a");
      String scoring = text(scores, mean, "scoring");
      Double score = scoring == null ? null : number(scores, mean, "score");
      CsvRows units = table(files, dir, OutputFiles.IMPORTANCE_SUMMARY, "unit");
      if (units.size() == 0) {
        rows.add(new Object[] {name, null, null, null, null, null, spearman, rhoA, tauA,
            o.status().label(), null, null, null, scoring, score});
      }
      for (int u = 0; u < units.size(); u++) {
        rows.add(new Object[] {name, text(units, u, "unit"), number(units, u, "mean"),
            number(units, u, "std"), number(units, u, "ci_low"), number(units, u, "ci_high"),
            spearman, rhoA, tauA, o.status().label(), null, text(units, u, "kind"),
            text(units, u, "interval"), scoring, score});
      }
    }
    return rows;
  }

  /** A run directory's CSV table. */
  private static CsvRows table(ReportFiles files, String dir, String table, String required) {
    String uri = SweepFiles.file(dir, OutputFiles.csv(table));
    return CsvRows.parse(uri, files.read(uri, OutputFiles.csv(table)), required);
  }

  /**
   * A text cell, or null for no row, a column absent from run directories written before it
   * existed, or an empty cell.
   */
  private static String text(CsvRows table, int row, String column) {
    if (row < 0 || !table.has(column)) {
      return null;
    }
    String t = table.text(row, column);
    return t.isEmpty() ? null : t;
  }

  /** A number cell ("NaN" is NaN), or null where {@link #text} is null. */
  private static Double number(CsvRows table, int row, String column) {
    return text(table, row, column) == null ? null : table.number(row, column);
  }

  /**
   * Writes {@code OUT/combined/} (Parquet, partitioned by set, overwriting only the partitions of
   * the sets written) and {@code OUT/combined.csv} (atomically). The Parquet table is written
   * without a Spark job (a cold Spark SQL's first query costs seconds at the end of a local sweep
   * whose sets never needed it), laid out as Spark's own partitioned writer lays it out:
   * {@code combined/set=<escaped set>/part-00000-<uuid>.c000.snappy.parquet} with Spark's
   * partition-path escaping (no checksum files). The partitions are written under a
   * temporary directory of OUT ({@code .combined._tmp-<uuid>}, removed by the next run if this
   * one is killed) and renamed into place one by one.
   */
  public static void write(Configuration conf, List<Object[]> rows, String out) {
    Path table = new Path(SweepFiles.file(out, OutputFiles.COMBINED));
    String uuid = java.util.UUID.randomUUID().toString();
    Path temp = new Path(out, "." + OutputFiles.COMBINED + "._tmp-" + uuid);
    Map<String, List<Object[]>> bySet = new LinkedHashMap<>();
    for (Object[] r : rows) {
      bySet.computeIfAbsent((String) r[0], k -> new ArrayList<>())
          .add(Arrays.copyOfRange(r, 1, r.length));
    }
    try (FileSystem fs = FileSystem.newInstance(table.toUri(), conf)) {
      fs.setWriteChecksum(false);
      MessageType schema = parquetSchema();
      String part = "part-00000-" + uuid + ".c000.snappy.parquet";
      for (Map.Entry<String, List<Object[]>> set : bySet.entrySet()) {
        Path dir = new Path(temp, partition(set.getKey()));
        fs.mkdirs(dir);
        ParquetFiles.write(fs, conf, schema, set.getValue(), new Path(dir, part));
      }
      fs.mkdirs(table);
      for (String set : bySet.keySet()) {
        Path into = new Path(table, partition(set));
        fs.delete(into, true);
        if (!fs.rename(new Path(temp, partition(set)), into)) {
          throw new IOException("cannot move the combined table's partition of set " + set
              + " into " + into);
        }
      }
      fs.delete(temp, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the combined table " + table, e);
    }
    SweepFiles.writeAtomically(conf, SweepFiles.file(out, OutputFiles.csv(OutputFiles.COMBINED)),
        csv(rows));
  }

  /** The partition directory of a set, named as Spark's partitioned writer names it. */
  static String partition(String set) {
    return "set=" + ExternalCatalogUtils.escapePathName(set);
  }

  /** The Parquet schema of the part files: every column but the partition column set. */
  static MessageType parquetSchema() {
    List<String> columns = COLUMNS.subList(1, COLUMNS.size());
    List<Class<?>> types = new ArrayList<>();
    Set<String> required = new java.util.HashSet<>();
    for (StructField f : schema().fields()) {
      if (f.name().equals("set")) {
        continue;
      }
      types.add(f.dataType().equals(DataTypes.StringType) ? String.class : Double.class);
      if (!f.nullable()) {
        required.add(f.name());
      }
    }
    return ParquetFiles.schema(columns, types, required);
  }

  /** The rows as CSV text with a header; nulls are empty cells. */
  static String csv(List<Object[]> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (Object[] r : rows) {
      List<String> cells = new ArrayList<>();
      Arrays.stream(r).forEach(v -> cells.add(cell(v)));
      sb.append(String.join(",", cells)).append('\n');
    }
    return sb.toString();
  }

  private static String cell(Object v) {
    return v == null ? "" : org.mlem.jobs.output.CsvText.field(v);
  }
}
