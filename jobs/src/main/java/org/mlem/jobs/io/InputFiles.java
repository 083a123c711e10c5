package org.mlem.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Provenance of the files read: URI, size and, on the local filesystem, a SHA-256.
 *
 * <p>Size: the file's length, or for a directory Hadoop's {@code getContentSummary().getLength()}
 * (every file below it). SHA-256 of a file: of its bytes (as {@code sha256sum} prints it). Of a
 * directory: one digest over its data files, found recursively, skipping names that start with
 * "_" or "." (as Spark does: {@code _SUCCESS}, {@code .crc} files), sorted by their path relative
 * to the directory; for each file the digest takes the UTF-8 relative path, one zero byte, then
 * the file's bytes. Remote files are not hashed (null): that would read them a second time.
 *
 * <p>Checksum of a remote file: the filesystem's own {@code getFileChecksum} (HDFS computes it
 * from the block checksums its datanodes keep, without sending the data), as
 * {@code ALGORITHM:HEX}; of a remote directory, {@code SHA-256-of-ALGORITHM:HEX}, one SHA-256
 * over the same sorted data files taking each relative path, a zero byte and that file's
 * checksum bytes. Null when the filesystem has none (local, s3a by default) for any file. HDFS's
 * value depends on the block size and bytes per checksum the file was written with.
 */
final class InputFiles {
  private InputFiles() {}

  static InputFile describe(Configuration conf, String uri, String role) {
    FileSystem fs = InputPaths.fileSystem(conf, uri);
    Path path = new Path(uri);
    try {
      FileStatus status = fs.getFileStatus(path);
      long bytes = status.isDirectory() ? fs.getContentSummary(path).getLength() : status.getLen();
      boolean local = InputPaths.isLocal(fs);
      String sha256 = local ? sha256(fs, status) : null;
      String checksum = local ? null : checksum(fs, status);
      return new InputFile(role, uri, bytes, sha256, checksum);
    } catch (IOException e) {
      throw new InputException(role + " file cannot be accessed: " + uri + " (" + e.getMessage()
          + ")", e);
    }
  }

  private static String sha256(FileSystem fs, FileStatus status) throws IOException {
    MessageDigest digest = sha256Digest();
    if (!status.isDirectory()) {
      update(digest, fs, status.getPath());
      return HexFormat.of().formatHex(digest.digest());
    }
    for (String rel : dataFiles(fs, status)) {
      digest.update(rel.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      update(digest, fs, new Path(status.getPath(), rel));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String checksum(FileSystem fs, FileStatus status) throws IOException {
    if (!status.isDirectory()) {
      FileChecksum sum = fs.getFileChecksum(status.getPath());
      return sum == null ? null
          : sum.getAlgorithmName() + ":" + HexFormat.of().formatHex(sum.getBytes());
    }
    MessageDigest digest = sha256Digest();
    String algorithm = null;
    for (String rel : dataFiles(fs, status)) {
      FileChecksum sum = fs.getFileChecksum(new Path(status.getPath(), rel));
      if (sum == null) {
        return null;
      }
      algorithm = sum.getAlgorithmName();
      digest.update(rel.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(sum.getBytes());
    }
    return algorithm == null ? null
        : "SHA-256-of-" + algorithm + ":" + HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The data files below a directory, relative to it, sorted (hidden names skipped). */
  private static List<String> dataFiles(FileSystem fs, FileStatus status) throws IOException {
    String root = status.getPath().toUri().getPath();
    List<String> relative = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(status.getPath(), true);
    while (files.hasNext()) {
      String full = files.next().getPath().toUri().getPath();
      String rel = full.substring(root.length() + (root.endsWith("/") ? 0 : 1));
      if (!hidden(rel)) {
        relative.add(rel);
      }
    }
    relative.sort(null);
    return relative;
  }

  private static boolean hidden(String relativePath) {
    for (String part : relativePath.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static void update(MessageDigest digest, FileSystem fs, Path file) throws IOException {
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = fs.open(file)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    }
  }
}
