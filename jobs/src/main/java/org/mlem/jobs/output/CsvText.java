package org.mlem.jobs.output;

import java.util.List;

/**
 * The CSV copies of the run tables (RFC 4180: comma separated, a header row, fields quoted only
 * when they hold a comma, quote or line break; numbers with {@link Double#toString} so they read
 * back bit for bit; text that a spreadsheet would run as a formula defused, see
 * {@link #field}).
 */
public final class CsvText {
  private CsvText() {}

  /** A tidy table as CSV: the header, then one line per row. */
  public static String of(RunTable table) {
    StringBuilder sb = new StringBuilder();
    line(sb, table.columns().toArray());
    for (Object[] row : table.rows()) {
      line(sb, row);
    }
    return sb.toString();
  }

  /**
   * W as an F x F CSV: a header row "feature" followed by the feature names, then one line per
   * feature with its name first.
   */
  public static String matrix(List<String> names, double[][] w) {
    StringBuilder sb = new StringBuilder();
    Object[] header = new Object[names.size() + 1];
    header[0] = "feature";
    for (int b = 0; b < names.size(); b++) {
      header[b + 1] = names.get(b);
    }
    line(sb, header);
    for (int a = 0; a < names.size(); a++) {
      Object[] row = new Object[names.size() + 1];
      row[0] = names.get(a);
      for (int b = 0; b < names.size(); b++) {
        row[b + 1] = w[a][b];
      }
      line(sb, row);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, Object[] values) {
    for (int c = 0; c < values.length; c++) {
      if (c > 0) {
        sb.append(',');
      }
      sb.append(field(values[c]));
    }
    sb.append('\n');
  }

  /**
   * One field: numbers in full precision, text quoted when needed. Text that a spreadsheet
   * would run as a formula (starting with {@code = + - @}, tab or carriage return; OWASP's
   * "CSV injection" advice) is prefixed with a single quote and quoted, unless it is a plain
   * number such as {@code -0.5}; text that starts with a single quote gets one more, so that a
   * reader removes exactly one leading quote from a quoted field that starts with one
   * ({@code CsvRows} does) and gets the text back.
   */
  public static String field(Object value) {
    if (value instanceof Double d) {
      return Double.toString(d);
    }
    String s = String.valueOf(value);
    if (!(value instanceof Number) && needsPrefix(s)) {
      return "\"'" + s.replace("\"", "\"\"") + '"';
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** Whether text must be prefixed with a single quote (see {@link #field}). */
  static boolean needsPrefix(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    if (c == '\'') {
      return true;
    }
    boolean formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return formula && !NUMBER.matcher(s).matches();
  }
}
