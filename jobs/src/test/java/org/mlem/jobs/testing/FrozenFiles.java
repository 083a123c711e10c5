package org.mlem.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The frozen test resources ({@code src/test/resources/frozen}): where they are on the test
 * class path, and the copy their generators use to write them.
 */
public final class FrozenFiles {
  private FrozenFiles() {}

  /**
   * A frozen resource, as a path on the test class path.
   *
   * @param name e.g. "run" or "mllib-model"
   */
  public static Path resource(String name) {
    var url = FrozenFiles.class.getResource("/frozen/" + name);
    if (url == null) {
      throw new IllegalStateException("no frozen resource " + name + " on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies a directory tree (replacing {@code to}), leaving out Hadoop's {@code .crc} side
   * files.
   */
  public static void copyWithoutChecksums(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      try (Stream<Path> old = Files.walk(to)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        if (p.getFileName().toString().endsWith(".crc")) {
          continue;
        }
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  /**
   * Copies a frozen resource to a fresh directory, so a test that writes beside it (a report)
   * never changes the committed copy.
   */
  public static Path copyOf(String name, Path dir) throws IOException {
    Path to = dir.resolve(name);
    copyWithoutChecksums(resource(name), to);
    return to;
  }
}
