package org.mlem.jobs.output;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mlem.jobs.io.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of a sweep's output directory and the small file operations on it, through
 * Hadoop (any URI): text files written atomically (temporary sibling, then a rename that
 * replaces the target), the run directory of each set, and the cleanup of stale temporaries
 * a killed run left behind.
 */
public final class SweepFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SweepFiles.class);

  private SweepFiles() {}

  /** The longest run directory name, in UTF-8 bytes (the writer adds a ~30 byte suffix). */
  public static final int MAX_DIR_NAME_BYTES = 200;

  /** {@code OUT/runs/<runDirName(set)>}. */
  public static String runDir(String out, String set) {
    return new Path(new Path(out, OutputFiles.SWEEP_RUNS), runDirName(set)).toString();
  }

  /**
   * The run directory name of a set: the name itself when it is made of letters, digits and
   * {@code . _ - = +} only (e.g. {@code layer=3}, {@code roi_12}); otherwise every other
   * character's UTF-8 bytes are written {@code ~XX} (hex), and the {@code .} of any
   * {@code ._tmp-} or {@code ._old-} in it too, so that no set directory looks like a
   * writer's temporary. Injective ({@code ~} is always escaped), and free of Hadoop glob
   * characters, {@code :} and {@code /}, so a name from data never becomes a path pattern.
   */
  public static String runDirName(String set) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < set.length(); ) {
      int cp = set.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-' || cp == '='
          || cp == '+') {
        sb.appendCodePoint(cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          sb.append('~').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
        }
      }
    }
    return sb.toString().replace("._tmp-", "~2E_tmp-").replace("._old-", "~2E_old-");
  }

  /** {@code OUT/<name>}. */
  public static String file(String out, String name) {
    return new Path(out, name).toString();
  }

  /** Whether a path exists. */
  public static boolean exists(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  /** Deletes a file or directory if present. */
  public static void delete(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /**
   * Deletes the {@code OUT/runs/<dir>._tmp-*} and {@code OUT/runs/<dir>._old-*} left by a
   * killed run (the fit writer's temporaries), and the sweep's own {@code .<file>._tmp-*}
   * text temporaries in OUT. Listed, not globbed: OUT is the user's literal path.
   *
   * @return how many were deleted
   */
  public static int cleanStaleTemporaries(Configuration conf, String out) {
    Path runs = new Path(out, OutputFiles.SWEEP_RUNS);
    try {
      FileSystem fs = runs.getFileSystem(conf);
      List<FileStatus> stale = new ArrayList<>();
      for (Path dir : List.of(runs, new Path(out))) {
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus s : fs.listStatus(dir)) {
          String name = s.getPath().getName();
          if (name.contains("._tmp-") || (dir.equals(runs) && name.contains("._old-"))) {
            stale.add(s);
          }
        }
      }
      int deleted = 0;
      for (FileStatus s : stale) {
        LOG.info("deleting {}, left by an interrupted run", s.getPath());
        fs.delete(s.getPath(), true);
        deleted++;
      }
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean temporaries under " + runs, e);
    }
  }

  /**
   * Reads a small text file.
   *
   * @param role what it is, e.g. "batch-size file"
   * @throws InputException when it does not exist or cannot be read
   */
  public static String readText(Configuration conf, String file, String role) {
    try {
      Path p = new Path(file);
      try (InputStream in = p.getFileSystem(conf).open(p)) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
      }
    } catch (FileNotFoundException e) {
      throw new InputException(role + " not found: " + file, e);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(role + " " + file + " cannot be read (" + e.getMessage() + ")",
          e);
    }
  }

  /**
   * Writes text to {@code file}: first to a temporary sibling, then renamed over the target
   * (an atomic replace on HDFS and local filesystems), so readers never see a partial file.
   */
  public static void writeAtomically(Configuration conf, String file, String text) {
    Path target = new Path(file);
    try {
      AtomicOutput.writeFile(conf, target, text.getBytes(StandardCharsets.UTF_8),
          "." + target.getName() + "._tmp-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

}
