package org.mlem.jobs.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads NumPy's {@code .npz} archives ({@code numpy.savez}: stored, {@code savez_compressed}:
 * deflated), a zip of one {@code .npy} file per array, through Hadoop's {@code FileSystem.open}
 * (any URI), streaming: an array's name is its entry's name without {@code .npy}; its bytes
 * are read by {@link NpyReader}. Arrays may have up to {@value #MAX_RANK} dimensions.
 */
final class NpzReader {
  /** The highest rank read. */
  static final int MAX_RANK = 8;

  private NpzReader() {}

  /** The arrays' names, in the archive's order. */
  static List<String> members(Configuration conf, String uri) {
    List<String> names = new ArrayList<>();
    scan(conf, uri, (name, in) -> {
      names.add(name);
      return false;
    });
    if (names.isEmpty()) {
      throw new InputException(uri + ": the .npz archive holds no .npy array; write it with"
          + " numpy.savez or numpy.savez_compressed");
    }
    return names;
  }

  /**
   * Reads one array.
   *
   * @param member its name (without .npy), or null for the only one
   * @throws InputException when it is missing (naming those present), or on bad content
   */
  static NumericArray read(Configuration conf, String uri, String member) {
    String wanted = member;
    if (wanted == null) {
      List<String> names = members(conf, uri);
      if (names.size() != 1) {
        throw new InputException(uri + ": the .npz archive holds " + names.size() + " arrays ("
            + String.join(", ", names) + "); name the one to use");
      }
      wanted = names.get(0);
    }
    String target = wanted;
    NumericArray[] found = new NumericArray[1];
    List<String> seen = new ArrayList<>();
    scan(conf, uri, (name, in) -> {
      seen.add(name);
      if (!name.equals(target)) {
        return false;
      }
      try {
        found[0] = NpyReader.read(new DataInputStream(in), uri + "#" + name, -1, MAX_RANK);
      } catch (EOFException e) {
        throw new InputException(uri + ": array '" + name + "' ends before all values its .npy"
            + " header declares; the archive is truncated", e);
      }
      return true;
    });
    if (found[0] == null) {
      throw new InputException(uri + ": the .npz archive has no array '" + target + "'; arrays"
          + " in it: " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
    }
    return found[0];
  }

  /** Visits entries until the visitor returns true. */
  private interface Visitor {
    boolean visit(String name, InputStream entry) throws IOException;
  }

  private static void scan(Configuration conf, String uri, Visitor visitor) {
    try (InputStream raw = InputPaths.fileSystem(conf, uri).open(new Path(uri));
        ZipInputStream zip = new ZipInputStream(new BufferedInputStream(raw, 1 << 16))) {
      ZipEntry entry;
      boolean any = false;
      while ((entry = zip.getNextEntry()) != null) {
        any = true;
        String name = entry.getName();
        if (entry.isDirectory() || !name.endsWith(".npy")) {
          continue;
        }
        if (visitor.visit(name.substring(0, name.length() - 4), zip)) {
          return;
        }
      }
      if (!any) {
        throw new InputException(uri + ": not a zip archive (.npz); write it with numpy.savez"
            + " or numpy.savez_compressed");
      }
    } catch (EOFException | ZipException e) {
      throw new InputException(uri + ": the .npz archive is truncated or damaged ("
          + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the .npz archive (" + e.getMessage() + ")",
          e);
    }
  }
}
