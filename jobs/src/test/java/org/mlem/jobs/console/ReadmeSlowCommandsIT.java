package org.mlem.jobs.console;


import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README blocks marked {@code <!-- runnable slow -->} (minutes each), run as
 * {@link ReadmeCommandsTest} runs the fast ones; an integration test (Failsafe, mvn verify).
 */
class ReadmeSlowCommandsIT {
  private static final Duration BLOCK = Duration.ofMinutes(30);

  @TempDir static Path dir;
  private static ReadmeCommandRunner runner;

  @BeforeAll
  static void demo() throws IOException {
    runner = ReadmeCommandRunner.withDemo(dir);
  }

  static List<ReadmeBlocks.Block> slowBlocks() throws IOException {
    return ReadmeBlocks.all().stream().filter(ReadmeBlocks.Block::slow).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slowBlocks")
  void runsAsWritten(ReadmeBlocks.Block block) throws IOException {
    runner.assertRunsAsWritten(block, BLOCK);
  }
}
