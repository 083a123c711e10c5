package org.mlem.jobs.cli;

import org.mlem.jobs.fit.FitSettings;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.output.RunDirectoryWriter;

/**
 * Checks, before Spark starts, that every input exists and is readable and that the output may
 * be written, through Hadoop's FileSystem with a plain configuration (any URI).
 */
final class InputChecks {
  private InputChecks() {}

  /** Checks the inputs and the output of a fit. */
  static void check(FitSettings s) {
    Configuration conf = new Configuration();
    InputPaths.requireReadable(conf, s.features().uri(), "features");
    InputPaths.requireReadable(conf, s.representations().uri(),
        "representations");
    if (s.representations().idsUri() != null) {
      InputPaths.requireReadable(conf, s.representations().idsUri(), "representation ids");
    }
    RunDirectoryWriter.requireWritable(conf, s.out(), s.overwrite());
  }
}
