package org.mlem.jobs.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's runnable command blocks: a fenced {@code ```bash} block on the line after
 * {@code <!-- runnable -->} (run by {@code ReadmeCommandsTest}) or {@code <!-- runnable slow -->}
 * (run by {@code ReadmeSlowCommandsIT}). A marker not followed by a bash block is an error, so
 * that a marker never silently stops covering its block.
 */
final class ReadmeBlocks {
  static final Path README = LauncherRun.ROOT.resolve("README.md");
  private static final String MARKER = "<!-- runnable -->";
  private static final String SLOW_MARKER = "<!-- runnable slow -->";

  private ReadmeBlocks() {}

  /** One marked block: its first command's line number (1-based), whether slow, its text. */
  record Block(int line, boolean slow, String text) {
    @Override
    public String toString() {
      return "README.md line " + line;
    }
  }

  /** Every marked block of the README, in order. */
  static List<Block> all() throws IOException {
    return parse(Files.readAllLines(README));
  }

  /** The marked blocks of {@code lines}. */
  static List<Block> parse(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String marker = lines.get(i).trim();
      if (!marker.equals(MARKER) && !marker.equals(SLOW_MARKER)) {
        continue;
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).trim().equals("```bash")) {
        throw new IllegalStateException("README.md line " + (i + 1) + ": " + marker
            + " must be followed by a ```bash block");
      }
      StringBuilder text = new StringBuilder();
      int j = i + 2;
      for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
        text.append(lines.get(j)).append('\n');
      }
      if (j == lines.size()) {
        throw new IllegalStateException("README.md line " + (i + 2) + ": unclosed block");
      }
      blocks.add(new Block(i + 3, marker.equals(SLOW_MARKER), text.toString()));
      i = j;
    }
    return blocks;
  }
}
