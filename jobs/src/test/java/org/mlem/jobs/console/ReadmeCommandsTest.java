package org.mlem.jobs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 item 9: every README block marked {@code <!-- runnable -->} runs as written (after
 * the demo, in a temporary directory, on local[1]) and exits 0 with no stack trace on stderr.
 * The blocks marked {@code <!-- runnable slow -->} are run by {@link ReadmeSlowCommandsIT}.
 */
class ReadmeCommandsTest {
  private static final Duration BLOCK = Duration.ofMinutes(8);

  @TempDir static Path dir;
  private static ReadmeCommandRunner runner;

  @BeforeAll
  static void demo() throws IOException {
    runner = ReadmeCommandRunner.withDemo(dir);
  }

  static List<ReadmeBlocks.Block> fastBlocks() throws IOException {
    return ReadmeBlocks.all().stream().filter(b -> !b.slow()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fastBlocks")
  void runsAsWritten(ReadmeBlocks.Block block) throws IOException {
    runner.assertRunsAsWritten(block, BLOCK);
  }

  @Test
  void theReadmeMarksItsExamplesAndAMarkerNeedsABashBlock() throws IOException {
    List<ReadmeBlocks.Block> all = ReadmeBlocks.all();
    assertTrue(all.stream().filter(b -> !b.slow()).count() >= 3, "fast blocks: " + all);
    assertTrue(all.stream().anyMatch(b -> b.text().contains("mlem fit --config conf/fit-example")),
        "the YAML example is covered: " + all);
    List<ReadmeBlocks.Block> parsed = ReadmeBlocks.parse(List.of("text", "<!-- runnable slow -->",
        "```bash", "echo a", "echo b", "```", "```bash", "not marked", "```"));
    assertEquals(List.of(new ReadmeBlocks.Block(4, true, "echo a\necho b\n")), parsed);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ReadmeBlocks.parse(List.of("<!-- runnable -->", "```", "echo", "```")));
    assertEquals("README.md line 1: <!-- runnable --> must be followed by a ```bash block",
        e.getMessage());
  }
}
