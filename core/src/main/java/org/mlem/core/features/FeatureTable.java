package org.mlem.core.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw theoretical features of n stimuli, before encoding (docs/method.md section 1): immutable,
 * validated columns (strings, booleans, numbers or vectors) with the stimuli's ids. Missing values
 * are allowed (null strings, booleans and vector rows; NaN numbers). A {@link FeatureSchema} turns
 * a table into {@link EncodedFeatures}.
 *
 * <p>Built with {@link #builder(List)}; every column has exactly one value per stimulus.
 */
public final class FeatureTable implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAX_EXAMPLES = 5;

  private final List<String> ids;
  private final List<FeatureColumn> columns;
  private final List<String> names;
  private final Map<String, Integer> indexByName;

  private FeatureTable(List<String> ids, List<FeatureColumn> columns) {
    this.ids = ids;
    this.columns = List.copyOf(columns);
    List<String> n = new ArrayList<>(columns.size());
    Map<String, Integer> index = new HashMap<>();
    for (FeatureColumn c : columns) {
      index.put(c.name, n.size());
      n.add(c.name);
    }
    this.names = List.copyOf(n);
    this.indexByName = index;
  }

  /**
   * Starts a table over the given stimuli.
   *
   * @param ids the stimulus ids in row order: non-null, non-empty strings, unique, at least one
   * @return a builder
   * @throws IllegalArgumentException on a null or empty id, or duplicates (listing up to 5)
   */
  public static Builder builder(List<String> ids) {
    if (ids == null) {
      throw new IllegalArgumentException("feature table: ids must not be null");
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("feature table: need at least 1 stimulus id, found 0");
    }
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException(
            "feature table: stimulus id at row " + i + " must be a non-empty string, found "
                + (id == null ? "null" : "\"\""));
      }
      if (!seen.add(id) && duplicates.size() < MAX_EXAMPLES && !duplicates.contains(id)) {
        duplicates.add(id);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException(
          "feature table: stimulus ids must be unique, found duplicates: "
              + String.join(", ", duplicates));
    }
    return new Builder(List.copyOf(ids));
  }

  /**
   * The number of stimuli n.
   *
   * @return n &gt;= 1
   */
  public int size() {
    return ids.size();
  }

  /**
   * The stimulus ids, in row order.
   *
   * @return an immutable list of n ids
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * The feature names, in the order the columns were added.
   *
   * @return an immutable list
   */
  public List<String> featureNames() {
    return names;
  }

  /**
   * The kind a feature gets unless a schema overrides it: CATEGORICAL for strings and booleans,
   * ORDINAL for numbers, VECTOR for vectors.
   *
   * @param name a feature name of this table
   * @return its inferred kind
   * @throws IllegalArgumentException if the table has no such feature (listing the available ones)
   */
  public FeatureKind inferredKind(String name) {
    return column(name).inferredKind();
  }

  /**
   * The table restricted to some of its stimuli, e.g. those a join with the neural data keeps
   * (the encoding is then fitted on the analysed stimuli only).
   *
   * @param rows row indices into this table, in the order wanted, each at most once
   * @return this table when rows are 0..n-1, else a new table over those rows
   * @throws IllegalArgumentException if rows is empty, out of range or repeats a row
   */
  public FeatureTable rows(int[] rows) {
    boolean identity = rows.length == ids.size();
    for (int k = 0; k < rows.length && identity; k++) {
      identity = rows[k] == k;
    }
    if (identity) {
      return this;
    }
    List<String> selected = new ArrayList<>(rows.length);
    for (int row : rows) {
      if (row < 0 || row >= ids.size()) {
        throw new IllegalArgumentException("feature table: row " + row + " is outside 0.."
            + (ids.size() - 1));
      }
      selected.add(ids.get(row));
    }
    List<String> checked = builder(selected).ids;
    List<FeatureColumn> subset = new ArrayList<>(columns.size());
    for (FeatureColumn column : columns) {
      subset.add(column.rows(rows));
    }
    return new FeatureTable(checked, subset);
  }

  FeatureColumn column(String name) {
    Integer index = indexByName.get(name);
    if (index == null) {
      throw new IllegalArgumentException(
          "unknown feature '" + name + "'; available features: " + String.join(", ", names));
    }
    return columns.get(index);
  }

  /**
   * Collects the columns of a {@link FeatureTable}. Each {@code add} method validates its column at
   * once and copies the values. Not thread-safe.
   */
  public static final class Builder {
    private final List<String> ids;
    private final Map<String, FeatureColumn> columns = new LinkedHashMap<>();

    private Builder(List<String> ids) {
      this.ids = ids;
    }

    /**
     * Adds a string column (inferred CATEGORICAL).
     *
     * @param name the feature name: non-blank, unique in the table
     * @param values n values, null = missing; copied
     * @return this builder
     * @throws IllegalArgumentException on a bad name or a wrong number of values
     */
    public Builder addStrings(String name, String[] values) {
      checkColumn(name, values == null ? -1 : values.length);
      columns.put(name, FeatureColumn.ofStrings(name, values.clone()));
      return this;
    }

    /**
     * Adds a boolean column (inferred CATEGORICAL; declared ORDINAL it is false = 0, true = 1).
     *
     * @param name the feature name: non-blank, unique in the table
     * @param values n values, null = missing; copied
     * @return this builder
     * @throws IllegalArgumentException on a bad name or a wrong number of values
     */
    public Builder addBooleans(String name, Boolean[] values) {
      checkColumn(name, values == null ? -1 : values.length);
      double[] numbers = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        numbers[i] = values[i] == null ? Double.NaN : (values[i] ? 1.0 : 0.0);
      }
      columns.put(name, FeatureColumn.ofNumbers(name, FeatureColumn.ValueType.BOOLEANS, numbers));
      return this;
    }

    /**
     * Adds a numeric column (inferred ORDINAL; may be declared CATEGORICAL).
     *
     * @param name the feature name: non-blank, unique in the table
     * @param values n values, NaN = missing, otherwise finite; copied
     * @return this builder
     * @throws IllegalArgumentException on a bad name, a wrong number of values or an infinite value
     *     (naming the feature and the stimulus id)
     */
    public Builder addNumbers(String name, double[] values) {
      checkColumn(name, values == null ? -1 : values.length);
      for (int i = 0; i < values.length; i++) {
        if (Double.isInfinite(values[i])) {
          throw new IllegalArgumentException(
              "feature '" + name + "': stimulus '" + ids.get(i) + "' (row " + i + ") has "
                  + values[i] + "; values must be finite (NaN = missing)");
        }
      }
      columns.put(
          name, FeatureColumn.ofNumbers(name, FeatureColumn.ValueType.NUMBERS, values.clone()));
      return this;
    }

    /**
     * Adds a vector column (kind VECTOR).
     *
     * @param name the feature name: non-blank, unique in the table
     * @param values n rows, null = missing; all other rows of one common length &gt;= 1 and
     *     finite; copied
     * @return this builder
     * @throws IllegalArgumentException on a bad name, a wrong number of rows, rows of different
     *     lengths or a non-finite value (naming the feature and the stimulus id)
     */
    public Builder addVectors(String name, double[][] values) {
      checkColumn(name, values == null ? -1 : values.length);
      double[][] copy = new double[values.length][];
      int dim = -1;
      int dimRow = -1;
      for (int i = 0; i < values.length; i++) {
        double[] row = values[i];
        if (row == null) {
          continue;
        }
        if (dim < 0) {
          if (row.length == 0) {
            throw new IllegalArgumentException(
                "feature '" + name + "': stimulus '" + ids.get(i) + "' (row " + i
                    + ") has an empty vector; use null for a missing value");
          }
          dim = row.length;
          dimRow = i;
        } else if (row.length != dim) {
          throw new IllegalArgumentException(
              "feature '" + name + "': stimulus '" + ids.get(i) + "' (row " + i + ") has a vector"
                  + " of length " + row.length + ", expected " + dim + " (the length of stimulus '"
                  + ids.get(dimRow) + "')");
        }
        for (int c = 0; c < row.length; c++) {
          if (!Double.isFinite(row[c])) {
            throw new IllegalArgumentException(
                "feature '" + name + "': stimulus '" + ids.get(i) + "' (row " + i + ") has "
                    + row[c] + " in component " + c
                    + "; vector components must be finite (use a null row for a missing value)");
          }
        }
        copy[i] = row.clone();
      }
      columns.put(name, FeatureColumn.ofVectors(name, copy));
      return this;
    }

    /**
     * Builds the immutable table (possibly without features; encoding then fails).
     *
     * @return the table
     */
    public FeatureTable build() {
      return new FeatureTable(ids, Collections.unmodifiableList(new ArrayList<>(columns.values())));
    }

    private void checkColumn(String name, int length) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(
            "feature table: feature names must be non-blank, found "
                + (name == null ? "null" : "'" + name + "'"));
      }
      if (columns.containsKey(name)) {
        throw new IllegalArgumentException(
            "feature table: feature names must be unique, found '" + name + "' twice");
      }
      if (length != ids.size()) {
        throw new IllegalArgumentException(
            "feature table: column '" + name + "' must have one value per stimulus, expected "
                + ids.size() + ", found " + (length < 0 ? "null" : String.valueOf(length)));
      }
    }
  }
}
