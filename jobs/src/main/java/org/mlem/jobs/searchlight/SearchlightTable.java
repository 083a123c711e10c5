package org.mlem.jobs.searchlight;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.brain.Searchlight;
import org.mlem.jobs.output.CsvText;
import org.mlem.jobs.output.SetStatus;
import org.mlem.jobs.tasks.SmallFitResult;

/**
 * The long table of a searchlight: one row per sphere and importance unit (columns
 * {@link #COLUMNS}): the sphere's centre as {@code "i-j-k"} and as indices, its voxel count, the
 * unit, its mean importance and interval, the sphere's held-out Spearman, the status ("ok" or
 * "failed") and the reason of a failure. A failed sphere, or one fitted without importances
 * ({@code --permutations 0}), is one row with a null unit.
 */
public final class SearchlightTable {
  /** The columns, in order. */
  public static final List<String> COLUMNS = List.of("center", "i", "j", "k", "voxels", "unit",
      "mean", "ci_low", "ci_high", "score", "status", "reason");

  private SearchlightTable() {}

  /** The Spark schema. */
  public static StructType schema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("center", DataTypes.StringType, false));
    for (String c : List.of("i", "j", "k", "voxels")) {
      f.add(DataTypes.createStructField(c, DataTypes.IntegerType, false));
    }
    f.add(DataTypes.createStructField("unit", DataTypes.StringType, true));
    for (String c : List.of("mean", "ci_low", "ci_high", "score")) {
      f.add(DataTypes.createStructField(c, DataTypes.DoubleType, true));
    }
    f.add(DataTypes.createStructField("status", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("reason", DataTypes.StringType, true));
    return DataTypes.createStructType(f);
  }

  /** The rows of one sphere's result. */
  static List<Row> rows(Searchlight.Sphere sphere, SmallFitResult r) {
    int[] ijk = sphere.ijk();
    List<Row> rows = new ArrayList<>();
    if (!r.ok()) {
      rows.add(RowFactory.create(sphere.name(), ijk[0], ijk[1], ijk[2], r.columns(), null, null,
          null, null, null, SetStatus.FAILED.label(), r.reason()));
      return rows;
    }
    if (r.units().length == 0) {
      rows.add(RowFactory.create(sphere.name(), ijk[0], ijk[1], ijk[2], r.columns(), null, null,
          null, null, r.spearman(), SetStatus.OK.label(), null));
    }
    for (int u = 0; u < r.units().length; u++) {
      rows.add(RowFactory.create(sphere.name(), ijk[0], ijk[1], ijk[2], r.columns(),
          r.units()[u], r.mean()[u], r.ciLow()[u], r.ciHigh()[u], r.spearman(),
          SetStatus.OK.label(), null));
    }
    return rows;
  }

  /** The CSV text of rows (columns {@link #COLUMNS}; nulls empty). */
  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (Row row : rows) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        if (c > 0) {
          sb.append(',');
        }
        Object v = row.get(c);
        if (v != null) {
          sb.append(CsvText.field(v));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
