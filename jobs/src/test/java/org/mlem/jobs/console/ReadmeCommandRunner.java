package org.mlem.jobs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs README command blocks as a user would, from a directory that looks like the repository
 * root ({@code submit-scripts} and {@code conf} linked to the real ones), so relative paths in
 * the README ({@code mlem-demo/...}, {@code conf/fit-example.yaml}) resolve there and nothing is
 * written into the checkout. Spark runs on {@code local[1]} ({@code -Dspark.master}, which the
 * commands take when no {@code --master} is given); the demo's data is made first.
 */
final class ReadmeCommandRunner {
  private static final Duration DEMO = Duration.ofMinutes(5);

  private final Path dir;

  private ReadmeCommandRunner(Path dir) {
    this.dir = dir;
  }

  /** A working directory linked to the repository's launchers and conf, with the demo run. */
  static ReadmeCommandRunner withDemo(Path dir) throws IOException {
    Files.createSymbolicLink(dir.resolve("submit-scripts"),
        LauncherRun.ROOT.resolve("submit-scripts"));
    Files.createSymbolicLink(dir.resolve("conf"), LauncherRun.ROOT.resolve("conf"));
    ReadmeCommandRunner r = new ReadmeCommandRunner(dir);
    LauncherRun demo = r.run("submit-scripts/mlem demo --overwrite --quiet\n", DEMO);
    assertEquals(0, demo.code(), demo.describe());
    return r;
  }

  /** Runs {@code script} with bash ({@code -euo pipefail}) to its end. */
  LauncherRun run(String script, Duration timeout) throws IOException {
    Path file = Files.createTempFile(dir, "block", ".sh");
    Files.writeString(file, script);
    LauncherRun r = LauncherRun.startCommand(dir, dir.resolve("jvm-tmp"),
        Map.of("MLEM_JAVA_OPTS", "-Xmx1g -Dspark.master=local[1] -Djava.io.tmpdir="
            + dir.resolve("jvm-tmp")), List.of("bash", "-euo", "pipefail", file.toString()));
    r.waitFor(timeout);
    return r;
  }

  /** Runs a README block and asserts it exits 0 with no stack trace on stderr. */
  void assertRunsAsWritten(ReadmeBlocks.Block block, Duration timeout) throws IOException {
    LauncherRun r = run(block.text(), timeout);
    assertEquals(0, r.code(), block + ":\n" + block.text() + r.describe());
    assertFalse(r.err().stream().anyMatch(l -> l.contains("Exception") || l.startsWith("\tat ")),
        r.describe());
  }
}
