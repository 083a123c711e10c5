package org.mlem.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mlem.jobs.spark.ClusterTestSupport;

/**
 * Runs the launchers of {@code submit-scripts/} as a user would, from the repository root, for
 * the integration tests: with SPARK_HOME the Maven-built Spark home
 * ({@link ClusterTestSupport#sparkHome}), SPARK_LOCAL_IP=127.0.0.1, SPARK_SCALA_VERSION=2.13,
 * and MLEM_NO_BUILD=1 (Failsafe runs after package; a launcher must not start a nested Maven
 * build). Output (stdout and stderr) goes to a log file, which the result holds as text.
 */
final class Scripts {
  private Scripts() {}

  /** The repository root: the shaded jar is {@code ROOT/jobs/target/mlem-jobs-*-all.jar}. */
  static Path root() {
    return ClusterTestSupport.shadedJar().toAbsolutePath().getParent().getParent().getParent();
  }

  /** The Maven-built Spark home, as an absolute path. */
  static Path sparkHome() {
    return ClusterTestSupport.sparkHome().toAbsolutePath();
  }

  /** A finished launcher run. */
  record Run(List<String> command, int code, String output) {
    /** The run's output, for assertion messages. */
    String describe() {
      return String.join(" ", command) + " exited with " + code + ":\n" + output;
    }
  }

  /** Starts {@code command} (its first element relative to the root) with output to log. */
  static Process start(Path log, Map<String, String> extraEnv, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome().toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("MLEM_NO_BUILD", "1");
    env.putAll(extraEnv);
    try {
      Files.createDirectories(log.getParent());
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs {@code command} to completion (killed after {@code timeout}). */
  static Run run(Path log, Duration timeout, List<String> command) {
    return run(log, Map.of(), timeout, command);
  }

  /** Runs {@code command} with extra environment variables to completion. */
  static Run run(Path log, Map<String, String> extraEnv, Duration timeout,
      List<String> command) {
    Process p = start(log, extraEnv, command);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        return new Run(command, -1, "TIMED OUT after " + timeout + "\n" + read(log));
      }
      return new Run(command, p.exitValue(), read(log));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** The text of a log file. */
  static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /** {@code list} + {@code more}, as one command line. */
  static List<String> concat(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }
}
