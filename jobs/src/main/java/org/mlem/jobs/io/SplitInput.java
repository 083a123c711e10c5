package org.mlem.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Where a predefined split comes from ({@code --split-column} or {@code --split-file}, at most
 * one), and its reader: the label of each stimulus id as text, checked later against the
 * analysed ids by the core ({@code PredefinedSplit.align}).
 *
 * <p>A split column is read from the feature table (Spark, or a plain local CSV file without
 * Spark), its values cast to text ({@code 3} or {@code 3.0} for a numeric fold id). A split file
 * is UTF-8 text of two fields per line, id and label, separated by a tab (a {@code .tsv} or
 * {@code .tab} file, or a first line with a tab and no comma) or a comma; surrounding blanks and
 * double quotes are stripped; a first line whose label is neither train/test nor an integer is a
 * header; trailing empty lines are ignored. Errors are {@link InputException}s naming the file
 * and line.
 *
 * @param column the split column of the feature table, or null
 * @param file the split file, or null
 */
public record SplitInput(String column, String file) {
  /** No predefined split. */
  public static final SplitInput NONE = new SplitInput(null, null);

  /** Refuses both sources at once. */
  public SplitInput {
    if (column != null && file != null) {
      throw new IllegalArgumentException("give --split-column or --split-file, not both");
    }
  }

  /** Whether a predefined split was given. */
  public boolean given() {
    return column != null || file != null;
  }

  /**
   * The labels read from the source.
   *
   * @param labels label by id, in the source's order
   * @param source the source in messages ({@code split column fold of f.csv},
   *     {@code split file s.tsv})
   * @param file the split file's provenance, or null for a column
   */
  public record Labels(Map<String, String> labels, String source, InputFile file) {}

  /**
   * Reads the labels.
   *
   * @param spark reads a column of a Parquet or CSV table; null when the features are a plain
   *     local CSV file or Parquet table (the in-process engine)
   * @param conf resolves the split file
   * @param features the feature table (for a column)
   * @return the labels, or empty when no split was given
   * @throws InputException on a missing file or column, a malformed line or duplicate ids
   */
  public Optional<Labels> read(SparkSession spark, Configuration conf, FeatureInput features) {
    if (column != null) {
      return Optional.of(readColumn(spark, conf, features));
    }
    if (file != null) {
      return Optional.of(readFile(conf, file));
    }
    return Optional.empty();
  }

  private Labels readColumn(SparkSession spark, Configuration conf, FeatureInput features) {
    String idColumn = features.idColumn() == null ? "id" : features.idColumn();
    String source = "split column '" + column + "' of " + features.uri();
    Map<String, String> labels = new LinkedHashMap<>();
    if (spark == null) {
      boolean parquet = RepresentationFormat.resolve(conf, features.uri(), features.format(),
          "features").kind() == InputFormat.PARQUET;
      Optional<PlainCsv.Table> read = parquet
          ? PlainParquet.inspect(conf, features.uri(), "features")
              .filter(p -> p.supportsFeatures(idColumn)).map(p -> p.rows(idColumn))
          : Optional.empty();
      PlainCsv.Table table = (read.isPresent() ? read : PlainCsv.read(features.uri(), idColumn))
          .orElseThrow(() -> new InputException(source + ": the feature table cannot be read "
              + "without Spark; use --engine spark"));
      FrameColumns.requireColumn(table.schema(), column, "split column", features.uri());
      int id = table.schema().fieldIndex(idColumn);
      int split = table.schema().fieldIndex(column);
      for (Row row : table.rows()) {
        labels.put(String.valueOf(row.get(id)), row.isNullAt(split) ? ""
            : String.valueOf(row.get(split)));
      }
      return new Labels(labels, source, null);
    }
    InputFormat format = RepresentationFormat.resolve(spark.sparkContext().hadoopConfiguration(),
        features.uri(), features.format(), "features").kind();
    var frame = TableReader.read(spark, features.uri(), format, idColumn, "features");
    FrameColumns.requireColumn(frame.schema(), column, "split column", features.uri());
    for (Row row : frame.select(functions.col(idColumn).cast("string"),
        functions.col(column).cast("string")).collectAsList()) {
      labels.put(row.getString(0), row.isNullAt(1) ? "" : row.getString(1));
    }
    return new Labels(labels, source, null);
  }

  private static Labels readFile(Configuration conf, String uri) {
    String source = "split file " + uri;
    InputPaths.requireReadable(conf, uri, "split file");
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        InputPaths.fileSystem(conf, uri).open(new Path(uri)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the split file (" + e.getMessage() + ")", e);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      lines.set(0, lines.get(0).substring(1));
    }
    if (lines.isEmpty()) {
      throw new InputException(source + " is empty; give one id,split (or id,fold) row per "
          + "stimulus");
    }
    String lower = uri.toLowerCase(Locale.ROOT);
    String first = lines.get(0);
    char separator = lower.endsWith(".tsv") || lower.endsWith(".tab")
        || (first.indexOf('\t') >= 0 && first.indexOf(',') < 0) ? '\t' : ',';
    Map<String, String> labels = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String[] fields = line.split(separator == '\t' ? "\t" : ",", -1);
      if (line.isBlank() || fields.length != 2) {
        throw new InputException(source + ": line " + (i + 1) + " has "
            + (line.isBlank() ? "no fields" : fields.length + " fields") + "; every line must be "
            + "id" + (separator == '\t' ? "<tab>" : ",") + "split (train/test) or id"
            + (separator == '\t' ? "<tab>" : ",") + "fold (an integer)");
      }
      String id = unquote(fields[0]);
      String label = unquote(fields[1]);
      if (i == 0 && !isLabel(label)) {
        continue; // a header such as id,split
      }
      if (id.isEmpty()) {
        throw new InputException(source + ": line " + (i + 1) + " has an empty id");
      }
      if (labels.put(id, label) != null && duplicates.size() < 5) {
        duplicates.add(id);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new InputException(source + ": ids listed more than once, e.g. "
          + String.join(", ", duplicates) + "; list every stimulus once");
    }
    return new Labels(labels, source, InputFiles.describe(conf, uri, "split file"));
  }

  private static String unquote(String field) {
    String t = field.strip();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return t;
  }

  /** train, test or an integer: a label, not a header. */
  private static boolean isLabel(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.equals("train") || t.equals("test")) {
      return true;
    }
    try {
      double v = Double.parseDouble(t);
      return v == Math.rint(v);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
