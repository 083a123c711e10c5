package org.mlem.jobs.output;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One tidy table of a run directory (name, typed columns, rows), small enough to live on the
 * driver; written as Parquet (through Spark) and as CSV.
 *
 * @param name the table's directory name, also the CSV file's base name
 * @param columns column names, in order
 * @param types column types: String, Integer or Double, one per column
 * @param rows the rows, each with one value per column of the declared type
 */
public record RunTable(
    String name, List<String> columns, List<Class<?>> types, List<Object[]> rows) {

  /** Checks that every row matches the columns. */
  public RunTable {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    if (columns.size() != types.size()) {
      throw new IllegalArgumentException("table " + name + " has " + columns.size()
          + " columns but " + types.size() + " types");
    }
    rows = List.copyOf(rows);
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("table " + name + " row " + r + " has " + row.length
            + " values, expected " + columns.size());
      }
      for (int c = 0; c < row.length; c++) {
        if (!types.get(c).isInstance(row[c])) {
          throw new IllegalArgumentException("table " + name + " row " + r + " column "
              + columns.get(c) + " must be a " + types.get(c).getSimpleName() + ", found "
              + row[c]);
        }
      }
    }
  }

  /** A builder of a table with the given columns, given as name/type pairs. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The Spark schema of this table (non-nullable columns). */
  public StructType sparkSchema() {
    List<StructField> fields = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      fields.add(DataTypes.createStructField(columns.get(c), sparkType(types.get(c)), false));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType sparkType(Class<?> type) {
    if (type == String.class) {
      return DataTypes.StringType;
    }
    if (type == Integer.class) {
      return DataTypes.IntegerType;
    }
    if (type == Double.class) {
      return DataTypes.DoubleType;
    }
    throw new IllegalArgumentException("unsupported column type " + type.getName());
  }

  /** Collects columns and rows. */
  public static final class Builder {
    private final String name;
    private final List<String> columns = new ArrayList<>();
    private final List<Class<?>> types = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Adds a column of String, Integer or Double values. */
    public Builder column(String column, Class<?> type) {
      columns.add(column);
      types.add(type);
      return this;
    }

    /** Adds a row, one value per column. */
    public Builder row(Object... values) {
      rows.add(values.clone());
      return this;
    }

    /** The table. */
    public RunTable build() {
      return new RunTable(name, columns, types, rows);
    }
  }
}
