package org.mlem.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;

/**
 * Checks the named columns (id, feature and vector columns) of local single-file tables before
 * Spark starts, from a CSV file's header line or a Parquet file's footer, with the messages the
 * Spark-side readers give ({@link FrameColumns#requireColumn}), so a typo in a column name is
 * reported in well under a second instead of after Spark's start-up.
 *
 * <p>Only what is certain is reported: remote files, directories and anything unusual (a header
 * with quotes, a byte-order mark, an empty cell, a name with surrounding spaces, a duplicate name, a column named like Spark's
 * generated {@code _c0}) are left to the Spark-side readers, which check them as before.
 */
public final class ColumnChecks {
  private ColumnChecks() {}

  /**
   * Checks the feature table's and the representations' named columns (see the class comment).
   *
   * @throws InputException naming the file, the column and the available columns
   */
  public static void check(Configuration conf, FeatureInput features,
      RepresentationInput representations) {
    List<String> featureColumns = columns(conf, features.uri(), features.format(), "features");
    if (featureColumns != null) {
      String id = features.idColumn() == null ? "id" : features.idColumn();
      if (!generated(id)) {
        FrameColumns.requireColumn(featureColumns, id, "id column", features.uri());
      }
      for (String name : features.featureColumns()) {
        if (!generated(name)) {
          FrameColumns.requireColumn(featureColumns, name, "feature column", features.uri());
        }
      }
      if (features.splitColumn() != null && !generated(features.splitColumn())) {
        FrameColumns.requireColumn(featureColumns, features.splitColumn(), "split column",
            features.uri());
      }
    }
    if (representations.format() == InputFormat.RDM) {
      return;
    }
    List<String> repColumns =
        columns(conf, representations.uri(), representations.format(), "representations");
    String repId = RepresentationReader.idColumn(representations);
    if (repColumns != null && !generated(repId)) {
      FrameColumns.requireColumn(repColumns, repId, "id column", representations.uri());
      if (representations.vectorColumn() != null && !generated(representations.vectorColumn())) {
        FrameColumns.requireColumn(repColumns, representations.vectorColumn(), "vector column",
            representations.uri());
      }
    }
  }

  /** The column names of a local single-file table, or null when not certain. */
  static List<String> columns(Configuration conf, String uri, InputFormat declared, String role) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      if (!InputPaths.isLocal(fs)) {
        return null;
      }
      FileStatus status = fs.getFileStatus(path);
      if (status.isDirectory()) {
        return null;
      }
      InputFormat format = RepresentationFormat.resolve(conf, uri, declared, role).kind();
      if (format == InputFormat.CSV) {
        return csvHeader(fs, path);
      }
      if (format == InputFormat.PARQUET) {
        return parquetColumns(conf, path);
      }
      return null;
    } catch (IOException | RuntimeException e) {
      // Not certain: the Spark-side reader reports the problem as before.
      if (e instanceof InputException bad) {
        throw bad;
      }
      return null;
    }
  }

  private static List<String> csvHeader(FileSystem fs, Path path) throws IOException {
    String header;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
      header = in.readLine();
    }
    if (header == null || header.isEmpty() || header.indexOf('"') >= 0
        || header.charAt(0) == '\uFEFF') {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String name : header.split(",", -1)) {
      if (name.isEmpty() || !name.strip().equals(name) || names.contains(name)) {
        return null;
      }
      names.add(name);
    }
    return names;
  }

  private static List<String> parquetColumns(Configuration conf, Path path) throws IOException {
    List<String> names = new ArrayList<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      for (Type field : reader.getFooter().getFileMetaData().getSchema().getFields()) {
        if (names.contains(field.getName())) {
          return null;
        }
        names.add(field.getName());
      }
    }
    return names;
  }

  /** A name Spark may have generated (an empty header cell, a renamed duplicate): not checked. */
  private static boolean generated(String name) {
    return name != null && name.startsWith("_c");
  }
}
