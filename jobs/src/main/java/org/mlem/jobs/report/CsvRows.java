package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.mlem.jobs.io.InputException;

/**
 * A CSV table as the jobs write it (RFC 4180: a header row, comma separated, fields quoted when
 * they hold a comma, quote or line break), read into memory by column name. Errors name the file,
 * the row (1-based, the header is row 1) and the column.
 */
public final class CsvRows {
  private final String source;
  private final List<String> header;
  private final List<List<String>> rows;

  private CsvRows(String source, List<String> header, List<List<String>> rows) {
    this.source = source;
    this.header = header;
    this.rows = rows;
  }

  /**
   * Parses CSV text.
   *
   * @param source the file it came from, for messages
   * @param text the whole file
   * @param required columns that must be present
   * @throws InputException on an empty file, a missing column or a ragged row
   */
  public static CsvRows parse(String source, String text, String... required) {
    List<List<String>> lines = split(source, text);
    if (lines.isEmpty()) {
      throw new InputException(source + ": empty CSV file, expected a header row");
    }
    List<String> header = lines.get(0);
    for (String column : required) {
      if (!header.contains(column)) {
        throw new InputException(source + ": missing column '" + column + "'; found columns "
            + header + "; expected at least " + List.of(required));
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (int r = 1; r < lines.size(); r++) {
      List<String> row = lines.get(r);
      if (row.size() != header.size()) {
        throw new InputException(source + ": row " + (r + 1) + " has " + row.size()
            + " fields, expected " + header.size() + " as in the header " + header);
      }
      rows.add(row);
    }
    return new CsvRows(source, List.copyOf(header), rows);
  }

  /** The file the rows came from. */
  public String source() {
    return source;
  }

  /** The column names. */
  public List<String> header() {
    return header;
  }

  /** Whether the table has that column. */
  public boolean has(String column) {
    return header.contains(column);
  }

  /** The number of data rows. */
  public int size() {
    return rows.size();
  }

  /** The text of a cell; empty for an empty field. */
  public String text(int row, String column) {
    return rows.get(row).get(index(column));
  }

  /**
   * A cell as a number ("NaN" and empty read as NaN).
   *
   * @throws InputException if the cell is not a number, naming file, row and column
   */
  public double number(int row, String column) {
    String t = text(row, column).trim();
    if (t.isEmpty() || t.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new InputException(source + ": row " + (row + 2) + " column '" + column
          + "' must be a number, found '" + t + "'");
    }
  }

  private int index(String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new InputException(source + ": missing column '" + column + "'; found columns "
          + header);
    }
    return i;
  }

  private static List<List<String>> split(String source, String text) {
    List<List<String>> lines = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean startedQuoted = false;
    boolean any = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
        continue;
      }
      if (c == '"') {
        startedQuoted |= field.length() == 0;
        quoted = true;
        any = true;
      } else if (c == ',') {
        fields.add(unprefixed(field, startedQuoted));
        field.setLength(0);
        startedQuoted = false;
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          fields.add(unprefixed(field, startedQuoted));
          lines.add(fields);
        }
        fields = new ArrayList<>();
        field.setLength(0);
        startedQuoted = false;
        any = false;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new InputException(source + ": unterminated quoted field at the end of the file");
    }
    if (any || field.length() > 0) {
      fields.add(unprefixed(field, startedQuoted));
      lines.add(fields);
    }
    return lines;
  }

  /**
   * The field's text without the single quote the writer puts before text a spreadsheet would
   * run as a formula ({@code org.mlem.jobs.output.CsvText#field}: always in a quoted field).
   */
  private static String unprefixed(StringBuilder field, boolean quoted) {
    return quoted && field.length() > 0 && field.charAt(0) == '\''
        ? field.substring(1) : field.toString();
  }
}
