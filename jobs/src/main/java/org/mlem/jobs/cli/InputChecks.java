package org.mlem.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.UsageException;
import org.mlem.jobs.io.ColumnChecks;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.io.RepresentationFormat;
import org.mlem.jobs.output.RunDirectoryWriter;

/**
 * Checks, before Spark starts, that every input exists and is readable, that its format is
 * known (a directory holds Parquet or CSV files) and that the output may be written, through
 * Hadoop's FileSystem with a plain configuration (any URI).
 */
final class InputChecks {
  private InputChecks() {}

  /** Checks the inputs and the output of a fit. */
  static void check(FitSettings s) {
    checkInputs(s);
    RunDirectoryWriter.requireWritable(new Configuration(), s.out(), s.overwrite());
  }

  /** Checks the inputs of a fit (not its output: an experiment checks its own). */
  static void checkInputs(FitSettings s) {
    Configuration conf = new Configuration();
    InputPaths.requireReadable(conf, s.features().uri(), "features");
    InputPaths.requireReadable(conf, s.representations().uri(),
        "representations");
    if (s.representations().idsUri() != null) {
      InputPaths.requireReadable(conf, s.representations().idsUri(), "representation ids");
    }
    // The formats too (a directory is inspected), so a wrong kind of file or directory is
    // reported before Spark starts.
    RepresentationFormat.resolve(conf, s.features().uri(), s.features().format(), "features");
    if (s.representations().format() != InputFormat.RDM) {
      RepresentationFormat.resolve(conf, s.representations().uri(), s.representations().format(),
          "representations");
    }
    if (s.split().file() != null) {
      InputPaths.requireReadable(conf, s.split().file(), "split file");
    }
    ColumnChecks.check(conf, s.features(), s.representations());
  }

  /**
   * OUT of a command that writes a directory of its own (sweep, searchlight) must be a directory
   * or creatable as one: not a file, not below a file.
   *
   * @param what the command's name, e.g. "sweep"
   * @throws UsageException naming --out and what to do
   */
  static void requireOutputDirectory(Configuration conf, String out, String what) {
    try {
      Path path = new Path(out);
      FileSystem fs = path.getFileSystem(conf);
      RunDirectoryWriter.requireNotBelowAFile(fs, path, out);
      if (fs.exists(path) && !fs.getFileStatus(path).isDirectory()) {
        throw new UsageException("--out " + out + " is a file; a " + what + " writes a directory"
            + " there: choose another --out");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the output directory " + out, e);
    }
  }
}
