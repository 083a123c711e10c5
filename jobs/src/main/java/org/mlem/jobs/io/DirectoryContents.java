package org.mlem.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * What an input directory holds, so that it is read with the right reader or refused with one
 * line saying what was found and what to pass (instead of being handed to Spark as Parquet).
 * The data files are listed recursively (Hive partition directories {@code key=value} included),
 * skipping names that start with "_" or "." as Spark does ({@code _SUCCESS}, {@code .crc}).
 * Files are grouped by their extension (a file without a known extension counts as Parquet when
 * its first bytes are Parquet's magic number "PAR1", as some writers name part files without one).
 *
 * @param uri the directory
 * @param role e.g. "features", in messages
 * @param groups the data files by kind (".csv", ".npy", ".parquet", ..., then "other"), each
 *     sorted by relative path (so messages do not depend on the listing order)
 */
public record DirectoryContents(String uri, String role, Map<String, List<String>> groups) {
  private static final String OTHER = "other";
  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final int SHOWN = 3;

  /** Copies the map. */
  public DirectoryContents {
    Map<String, List<String>> sorted = new java.util.TreeMap<>();
    for (Map.Entry<String, List<String>> group : groups.entrySet()) {
      List<String> names = new ArrayList<>(group.getValue());
      names.sort(null);
      sorted.put(group.getKey(), List.copyOf(names));
    }
    groups = java.util.Collections.unmodifiableMap(sorted);
  }

  /**
   * Lists a directory's data files.
   *
   * @throws InputException when it cannot be listed
   */
  public static DirectoryContents inspect(Configuration conf, String uri, String role) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    try {
      Path root = new Path(uri);
      FileSystem fs = root.getFileSystem(conf);
      String rootPath = fs.getFileStatus(root).getPath().toUri().getPath();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        String full = file.getPath().toUri().getPath();
        String relative = full.length() > rootPath.length()
            ? full.substring(rootPath.length() + (rootPath.endsWith("/") ? 0 : 1)) : full;
        if (hidden(relative)) {
          continue;
        }
        String kind = kind(fs, file);
        groups.computeIfAbsent(kind, k -> new ArrayList<>()).add(relative);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(role + " directory " + uri + " cannot be listed ("
          + e.getMessage() + ")", e);
    }
    return new DirectoryContents(uri, role, groups);
  }

  /**
   * The table format of the directory: PARQUET when every data file is Parquet, CSV when every
   * one is CSV.
   *
   * @throws InputException otherwise, saying what the directory holds and what to pass
   */
  public InputFormat tableFormat() {
    if (groups.size() == 1 && groups.containsKey(".parquet")) {
      return InputFormat.PARQUET;
    }
    if (groups.size() == 1 && groups.containsKey(".csv")) {
      return InputFormat.CSV;
    }
    throw new InputException(role + " path " + uri + " is " + description() + "; a directory"
        + " is read as one table only when it holds Parquet files (a Parquet dataset) or CSV files"
        + " (with the same header): " + advice());
  }

  /** "a directory holding 2 .npy files (a.npy, b.npy) and 1 other file (notes.txt)". */
  public String description() {
    if (groups.isEmpty()) {
      return "an empty directory (no data files; names starting with '_' or '.' are ignored)";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> group : groups.entrySet()) {
      List<String> names = group.getValue();
      int count = names.size();
      parts.add(count + " " + (group.getKey().equals(OTHER) ? "other" : group.getKey())
          + (count == 1 ? " file" : " files") + " ("
          + String.join(", ", names.subList(0, Math.min(SHOWN, count)))
          + (count > SHOWN ? ", ..." : "") + ")");
    }
    return "a directory holding " + String.join(" and ", parts);
  }

  private String advice() {
    List<String> arrays = new ArrayList<>();
    for (String kind : groups.keySet()) {
      RepresentationFormat format = RepresentationFormat.byExtension("x" + kind);
      if (format != null && format.readOnDriver()) {
        arrays.add(kind);
      }
    }
    if (!arrays.isEmpty()) {
      String first = groups.get(arrays.get(0)).get(0);
      String base = uri.endsWith("/") ? uri : uri + "/";
      return "pass one file (e.g. " + base + first + ")" + ("representations".equals(role)
          ? ", or to sweep them, a glob with one file per set (e.g. '" + base + "*"
              + arrays.get(0) + "')" : "");
    }
    return "pass a Parquet or CSV file, or a directory holding only one of the two";
  }

  private static String kind(FileSystem fs, LocatedFileStatus file) throws IOException {
    String name = file.getPath().getName().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 ? name.substring(dot) : "";
    if (extension.equals(".hdf5")) {
      extension = ".h5";
    }
    if (!extension.isEmpty() && (RepresentationFormat.byExtension(name) != null)) {
      return extension;
    }
    if (extension.isEmpty() && file.getLen() >= PARQUET_MAGIC.length && isParquet(fs, file)) {
      return ".parquet";
    }
    return OTHER;
  }

  private static boolean isParquet(FileSystem fs, LocatedFileStatus file) throws IOException {
    byte[] head = new byte[PARQUET_MAGIC.length];
    try (InputStream in = fs.open(file.getPath())) {
      int read = in.readNBytes(head, 0, head.length);
      return read == head.length && Arrays.equals(head, PARQUET_MAGIC);
    }
  }

  private static boolean hidden(String relativePath) {
    for (String part : relativePath.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
