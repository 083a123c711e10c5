package org.mlem.jobs.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * Resolves input URIs through Hadoop (so file, hdfs, s3a, ... all work; a plain path uses the
 * default filesystem) and checks them before Spark does any work.
 */
public final class InputPaths {
  private InputPaths() {}

  /**
   * Fails unless the path exists and can be read; the command line calls this for every input
   * path before starting any Spark work.
   *
   * @param conf the Hadoop configuration (e.g. {@code spark.sparkContext().hadoopConfiguration()})
   * @param uri a local path or any Hadoop filesystem URI
   * @param role what the file is, e.g. "features", "representations", "representation ids"
   * @throws InputException "features file not found: /x/y.csv" when it does not exist, or a
   *     message naming the file when it cannot be read
   */
  public static void requireReadable(Configuration conf, String uri, String role) {
    if (uri == null || uri.isBlank()) {
      throw new InputException(role + " file must be given, found "
          + (uri == null ? "none" : "'" + uri + "'"));
    }
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new InputException(role + " file not found: " + uri);
      }
      fs.access(path, FsAction.READ);
    } catch (FileNotFoundException e) {
      throw new InputException(role + " file not found: " + uri, e);
    } catch (AccessControlException e) {
      throw new InputException(role + " file is not readable: " + uri
          + "; check its permissions", e);
    } catch (IOException | IllegalArgumentException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw new InputException(role + " file cannot be accessed: " + uri + " (" + e.getMessage()
          + ")", e);
    }
  }

  /** The file's status (exists: checked by {@link #requireReadable} first). */
  static FileStatus status(Configuration conf, String uri, String role) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).getFileStatus(path);
    } catch (IOException e) {
      throw new InputException(role + " file cannot be accessed: " + uri + " (" + e.getMessage()
          + ")", e);
    }
  }

  /** The filesystem of a URI. */
  static FileSystem fileSystem(Configuration conf, String uri) {
    try {
      return new Path(uri).getFileSystem(conf);
    } catch (IOException e) {
      throw new InputException("no filesystem for " + uri + " (" + e.getMessage() + ")", e);
    }
  }

  /** True when the URI lives on the local filesystem (hashing it is cheap). */
  static boolean isLocal(FileSystem fs) {
    return "file".equals(fs.getScheme());
  }
}
