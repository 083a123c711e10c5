package org.mlem.jobs.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way outputs are written atomically, on any Hadoop filesystem. A directory is filled
 * in a temporary sibling {@code DIR._tmp-<unique>}, moved into place only when complete, and
 * {@code _SUCCESS} is written into DIR last, as the commit marker: on HDFS and local disks the
 * rename is atomic, on object stores (s3a) it is a copy, so readers trust only a directory that
 * holds {@code _SUCCESS}. A single file is written to a temporary sibling and renamed over the
 * target. On failure the temporary is removed and nothing is left at the target; while it
 * exists it is registered with {@link Interruption}, which removes it when the user stops the
 * process (Ctrl-C) before the writer could.
 */
public final class AtomicOutput {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicOutput.class);

  private AtomicOutput() {}

  /** Fills a directory. */
  @FunctionalInterface
  public interface Filler {
    /** Writes every file of the output into {@code dir}. */
    void fill(Path dir) throws IOException;
  }

  /** A suffix unique to this process and moment, for temporaries. */
  public static String unique() {
    return Long.toHexString(ProcessHandle.current().pid()) + "-"
        + Long.toHexString(System.nanoTime());
  }

  /**
   * Writes the directory {@code target}: filled in a temporary sibling, moved into place
   * (replacing a previous one when {@code overwrite}: its {@code _SUCCESS} is removed first so it
   * is never trusted while being moved aside), then {@code _SUCCESS} written into it.
   *
   * @throws IOException if writing fails (the temporary is removed)
   */
  public static void writeDirectory(FileSystem fs, Path target, boolean overwrite, Filler fill)
      throws IOException {
    String unique = unique();
    Path temp = new Path(target.getParent(), target.getName() + "._tmp-" + unique);
    boolean done = false;
    Interruption.registerTemporary(fs, temp);
    try {
      if (!fs.mkdirs(temp)) {
        throw new IOException("cannot create " + temp);
      }
      fill.fill(temp);
      Interruption.check();
      if (overwrite) {
        fs.delete(new Path(target, OutputFiles.SUCCESS), false);
      }
      OutputFiles.moveIntoPlace(fs, temp, target, overwrite, unique);
      done = true;
    } finally {
      if (!done) {
        try {
          fs.delete(temp, true);
        } catch (IOException e) {
          LOG.warn("cannot delete the temporary directory {}: {}", temp, e.toString());
        }
      }
      Interruption.releaseTemporary(temp);
    }
    OutputFiles.writeText(fs, new Path(target, OutputFiles.SUCCESS), "");
  }

  /**
   * Writes one file: to the temporary sibling {@code tempPrefix + unique} in the target's
   * directory, then renamed over the target in one step (an atomic replace on HDFS and local
   * filesystems), so a reader sees the old file or the new one, never a part.
   *
   * @param tempPrefix the temporary's name before its unique suffix (what cleanup looks for)
   * @throws IOException if writing fails (the temporary is removed)
   */
  public static void writeFile(Configuration conf, Path target, byte[] content,
      String tempPrefix) throws IOException {
    Path temp = new Path(target.getParent(), tempPrefix + unique());
    FileContext fc = FileContext.getFileContext(target.toUri(), conf);
    fc.mkdir(target.getParent(), null, true);
    boolean done = false;
    Interruption.registerTemporary(FileSystem.get(temp.toUri(), conf), temp);
    try {
      try (OutputStream o = fc.create(temp, EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
          Options.CreateOpts.createParent())) {
        o.write(content);
      }
      fc.rename(temp, target, Options.Rename.OVERWRITE);
      done = true;
      // Hadoop's local filesystem writes a .NAME.crc beside each file: not a user output.
      Path crc = new Path(target.getParent(), "." + target.getName() + ".crc");
      if (fc.util().exists(crc)) {
        fc.delete(crc, false);
      }
    } finally {
      if (!done) {
        try {
          fc.delete(temp, false);
        } catch (IOException e) {
          LOG.warn("cannot delete the temporary file {}: {}", temp, e.toString());
        }
      }
      Interruption.releaseTemporary(temp);
    }
  }
}
