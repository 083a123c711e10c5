package org.mlem.jobs.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.RunDirectoryWriter;

/**
 * Checks, before Spark starts, that every input exists and is readable and that the output may
 * be written, through Hadoop's FileSystem with a plain configuration (any URI). To be replaced
 * by {@code org.mlem.jobs.io.InputPaths.requireReadable} once that lands.
 */
final class InputChecks {
  private InputChecks() {}

  /** Checks the inputs and the output of a fit. */
  static void check(FitSettings s) {
    Configuration conf = new Configuration();
    requireReadable(conf, s.features().uri(), "features (--features)");
    requireReadable(conf, s.representations().uri(), "representations (--representations)");
    if (s.representations().idsUri() != null) {
      requireReadable(conf, s.representations().idsUri(), "ids (--ids)");
    }
    RunDirectoryWriter.requireWritable(conf, s.out(), s.overwrite());
  }

  /**
   * @throws InputException if the file or directory is missing or unreadable
   */
  static void requireReadable(Configuration conf, String uri, String role) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      fs.access(path, FsAction.READ);
    } catch (FileNotFoundException e) {
      throw new InputException(role + " not found: " + uri + "; check the path");
    } catch (AccessControlException e) {
      throw new InputException(role + " is not readable: " + uri + "; check its permissions");
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException("cannot open " + role + " " + uri + ": " + e.getMessage(), e);
    }
  }
}
