package org.mlem.core.brain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of an atlas's labels, from a UTF-8 TSV or CSV file with two columns, the integer
 * label and its name: tab-separated when the first line holds a tab, else comma-separated. A
 * first line whose first field is not an integer is a header and skipped; blank lines and lines
 * starting with {@code #} are ignored; label 0 (the background) is ignored. Names are trimmed;
 * a label given twice or an empty name is refused.
 *
 * @param source the file, named in messages
 * @param names label to name, in file order
 */
public record LabelTable(String source, Map<Integer, String> names) {
  /** Copies the map, keeping its order. */
  public LabelTable {
    names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
  }

  /**
   * Parses a label table.
   *
   * @throws IllegalArgumentException naming the file, the line and what is wrong
   * @throws IOException when the stream fails
   */
  public static LabelTable read(InputStream stream, String source) throws IOException {
    Map<Integer, String> names = new LinkedHashMap<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      String separator = null;
      while ((line = reader.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (separator == null) {
          separator = line.contains("\t") ? "\t" : ",";
        }
        String[] fields = fields(line, separator.charAt(0));
        String first = unquoted(fields[0]);
        Integer label = integer(first);
        if (label == null) {
          if (names.isEmpty()) {
            continue;
          }
          throw new IllegalArgumentException(source + ": line " + number + ": label '" + first
              + "' is not an integer; each line is label" + (separator.equals("\t") ? "<TAB>"
              : ",") + "name");
        }
        if (fields.length < 2 || unquoted(fields[1]).isEmpty()) {
          throw new IllegalArgumentException(source + ": line " + number + ": label " + label
              + " has no name; each line is label" + (separator.equals("\t") ? "<TAB>" : ",")
              + "name");
        }
        if (label == 0) {
          continue;
        }
        String previous = names.put(label, unquoted(fields[1]));
        if (previous != null) {
          throw new IllegalArgumentException(source + ": line " + number + ": label " + label
              + " is named twice ('" + previous + "' and '" + names.get(label) + "')");
        }
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(source + ": the label table names no label (expected"
          + " lines of label,name)");
    }
    return new LabelTable(source, names);
  }

  /** The fields of a line; a field in double quotes may hold the separator. */
  private static String[] fields(String line, char separator) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        field.append(c);
      } else if (c == separator && !quoted) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out.toArray(String[]::new);
  }

  private static String unquoted(String field) {
    String f = field.strip();
    if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
      f = f.substring(1, f.length() - 1).replace("\"\"", "\"").strip();
    }
    return f;
  }

  private static Integer integer(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
