package org.mlem.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a plain local CSV file on the driver, without Spark SQL, into the rows and schema that
 * Spark's reader ({@link TableReader}: header, {@code inferSchema}, the id column as text) would
 * give, so a small fit does not pay for Spark's start-up and first query. "Plain" is checked, not
 * assumed: one local file, UTF-8, a header of distinct non-empty names, every row with the
 * header's number of fields, no field spanning lines, no blank line, no cell with surrounding
 * spaces, no quoted empty cell, nothing Spark would read as a date, a timestamp, NaN or
 * infinity, no integer beyond a long. Anything else returns empty and the caller reads the file
 * with Spark, which then decides (and reports) exactly as before.
 *
 * <p>Types, as Spark infers them: a column whose non-empty cells are all integers is a long
 * column, all numbers (decimal or exponent notation) a double column, all {@code true}/{@code
 * false} (any case) a boolean column, otherwise a string column; an empty cell is null.
 */
public final class PlainCsv {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  /** Integers Spark would read as decimals. */
  private static final Pattern LONG_DIGITS = Pattern.compile("-?[0-9]{19,}.*");
  private static final Pattern NUMBER =
      Pattern.compile("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?");
  /** Cells Spark's inference may read as a date or a timestamp. */
  private static final Pattern DATE_LIKE = Pattern.compile(".*[0-9]{1,4}[-/:][0-9]{1,2}.*");
  private static final Set<String> SPECIAL_NUMBERS =
      Set.of("nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "null");

  /** The parsed table: Spark's schema and the rows in file order. */
  public record Table(StructType schema, List<Row> rows) {}

  private PlainCsv() {}

  /**
   * The local file behind a URI, or empty for another filesystem.
   *
   * @param uri a local path or a {@code file:} URI
   */
  public static Optional<Path> localFile(String uri) {
    try {
      URI parsed = new URI(uri);
      if (parsed.getScheme() == null) {
        return Optional.of(Path.of(uri));
      }
      if (parsed.getScheme().equals("file")) {
        return Optional.of(Path.of(parsed));
      }
      return Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads the file if it is plain (see the class comment).
   *
   * @param uri the table's URI
   * @param idColumn the id column, always read as text
   * @return the table, or empty when the file is not a plain local CSV file
   */
  public static Optional<Table> read(String uri, String idColumn) {
    Optional<Path> path = localFile(uri);
    if (path.isEmpty() || !Files.isRegularFile(path.get())) {
      return Optional.empty();
    }
    String text;
    try {
      byte[] bytes = Files.readAllBytes(path.get());
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri, e);
    }
    if (text.startsWith("\uFEFF")) {
      return Optional.empty();
    }
    String[] lines = text.split("\r?\n", -1);
    int count = lines.length;
    if (count > 0 && lines[count - 1].isEmpty()) {
      count--;
    }
    if (count < 1) {
      return Optional.empty();
    }
    List<String> header = fields(lines[0]);
    if (header == null || header.stream().anyMatch(h -> h == null || h.isEmpty())
        || new HashSet<>(header).size() != header.size()) {
      return Optional.empty();
    }
    int columns = header.size();
    List<String[]> cells = new ArrayList<>(count - 1);
    for (int r = 1; r < count; r++) {
      List<String> row = fields(lines[r]);
      if (row == null || row.size() != columns) {
        return Optional.empty();
      }
      cells.add(row.toArray(new String[0]));
    }
    DataType[] types = new DataType[columns];
    for (int c = 0; c < columns; c++) {
      types[c] = header.get(c).equals(idColumn) ? idType(cells, c) : infer(cells, c);
      if (types[c] == null) {
        return Optional.empty();
      }
    }
    StructField[] fields = new StructField[columns];
    for (int c = 0; c < columns; c++) {
      fields[c] = DataTypes.createStructField(header.get(c), types[c], true);
    }
    List<Row> rows = new ArrayList<>(cells.size());
    for (String[] row : cells) {
      Object[] values = new Object[columns];
      for (int c = 0; c < columns; c++) {
        values[c] = value(row[c], types[c]);
      }
      rows.add(RowFactory.create(values));
    }
    return Optional.of(new Table(DataTypes.createStructType(fields), rows));
  }

  /** Text, unless a cell is quoted empty (not plain). */
  private static DataType idType(List<String[]> cells, int c) {
    for (String[] row : cells) {
      if (row[c] == null || !row[c].equals(row[c].strip())) {
        return null;
      }
    }
    return DataTypes.StringType;
  }

  /** Spark's inferred type of column c, or null when the column is not plain. */
  private static DataType infer(List<String[]> cells, int c) {
    boolean integers = true;
    boolean numbers = true;
    boolean booleans = true;
    boolean any = false;
    for (String[] row : cells) {
      String v = row[c];
      if (v == null) {
        return null; // a quoted empty cell
      }
      if (v.isEmpty()) {
        continue;
      }
      any = true;
      if (!v.equals(v.strip()) || SPECIAL_NUMBERS.contains(v.toLowerCase(Locale.ROOT))) {
        return null;
      }
      if (LONG_DIGITS.matcher(v).matches()) {
        return null;
      }
      boolean integer = INTEGER.matcher(v).matches();
      boolean number = integer || NUMBER.matcher(v).matches();
      integers &= integer;
      numbers &= number;
      booleans &= v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
      if (!number && DATE_LIKE.matcher(v).matches()) {
        return null;
      }
    }
    if (!any) {
      return DataTypes.StringType;
    }
    if (integers) {
      return DataTypes.LongType;
    }
    if (numbers) {
      return DataTypes.DoubleType;
    }
    return booleans ? DataTypes.BooleanType : DataTypes.StringType;
  }

  private static Object value(String cell, DataType type) {
    if (cell.isEmpty()) {
      return null;
    }
    if (type == DataTypes.LongType) {
      return Long.parseLong(cell);
    }
    if (type == DataTypes.DoubleType) {
      return Double.parseDouble(cell);
    }
    if (type == DataTypes.BooleanType) {
      return Boolean.parseBoolean(cell.toLowerCase(Locale.ROOT));
    }
    return cell;
  }

  /**
   * The fields of one line: comma-separated, a field may be quoted with '"' (and then hold
   * commas); a quoted empty field is returned as null. Returns null when the line is not plain
   * (blank, an unterminated quote, a quote inside an unquoted field, text after a closing quote,
   * a doubled quote or a backslash inside quotes: Spark's CSV escape is the backslash, so such
   * fields are left to Spark).
   */
  static List<String> fields(String line) {
    if (line.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder field = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            return null;
          }
          char ch = line.charAt(i);
          if (ch == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              return null; // Spark escapes with '\', not by doubling: not plain
            }
            i++;
            break;
          } else if (ch == '\\') {
            return null; // Spark's escape character
          } else {
            field.append(ch);
            i++;
          }
        }
        out.add(field.length() == 0 ? null : field.toString());
        if (i < n && line.charAt(i) != ',') {
          return null;
        }
      } else {
        int end = line.indexOf(',', i);
        String field = end < 0 ? line.substring(i) : line.substring(i, end);
        if (field.indexOf('"') >= 0) {
          return null;
        }
        out.add(field);
        i = end < 0 ? n : end;
      }
      if (i >= n) {
        return out;
      }
      i++; // the comma
      if (i == n) {
        out.add("");
        return out;
      }
    }
  }
}
