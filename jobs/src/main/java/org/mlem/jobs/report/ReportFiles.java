package org.mlem.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.io.InputException;

/**
 * Reads the small text files of an output directory and writes a report next to them, through
 * Hadoop's FileSystem so that any URI works (file, hdfs, s3a, ...). A report is written to a
 * temporary sibling and renamed over the target, so a reader never sees half a report.
 */
public final class ReportFiles {
  /** The report's file name inside every output directory. */
  public static final String REPORT = OutputFiles.REPORT_HTML;

  private final Configuration conf;

  /** @param conf the Hadoop configuration that resolves the URIs */
  public ReportFiles(Configuration conf) {
    this.conf = conf;
  }

  /** The Hadoop configuration in use. */
  public Configuration conf() {
    return conf;
  }

  /** A child of a directory URI. */
  public static String child(String dir, String name) {
    return new Path(new Path(dir), name).toString();
  }

  /** Whether a file or directory exists. */
  public boolean exists(String uri) {
    try {
      Path p = new Path(uri);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check whether " + uri + " exists: " + e, e);
    }
  }

  /**
   * The whole file as UTF-8 text.
   *
   * @throws InputException if the file does not exist, naming it and what needs it
   */
  public String read(String uri, String what) {
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new InputException(what + " not found: " + uri
            + "; is this the output directory of the right command, and is it complete?");
      }
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + uri + ": " + e, e);
    }
  }

  /**
   * Writes {@code html} to {@code DIR/report.html} atomically (temporary sibling, then rename
   * over the previous report).
   *
   * @return the report's URI
   */
  public String writeReport(String dir, String html) {
    Path target = new Path(new Path(dir), REPORT);
    try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
      fs.setWriteChecksum(false);
      // leftovers of killed writers: report temporaries here, run temporaries beside DIR
      org.mlem.jobs.output.OutputFiles.deleteAbandoned(fs, new Path(dir), "." + REPORT + ".tmp-");
      org.mlem.jobs.output.OutputFiles.cleanStaleSiblings(fs, new Path(dir), false);
      org.mlem.jobs.output.AtomicOutput.writeFile(conf, target,
          html.getBytes(StandardCharsets.UTF_8), "." + REPORT + ".tmp-");
      return target.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + target + ": " + e, e);
    }
  }
}
