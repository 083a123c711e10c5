package org.mlem.jobs.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code submit-scripts/mlem} run as a user runs it, in a subprocess, on this build's classes
 * ({@code MLEM_CLASSPATH} is the test classpath, so nothing is built): the launcher's own
 * handling of stderr and the JVM's signals are what is tested. The JVM's temporary directory
 * is {@code tmp} (to see what is left there), its heap small. Stdout and stderr are collected
 * line by line; a test can wait for a line and send a signal.
 */
final class LauncherRun implements AutoCloseable {
  /** The repository root (Surefire runs in jobs/). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private final Process process;
  private final List<String> out = new ArrayList<>();
  private final List<String> err = new ArrayList<>();
  private final Thread outReader;
  private final Thread errReader;

  private LauncherRun(Process process) {
    this.process = process;
    this.outReader = reader(process.getInputStream(), out);
    this.errReader = reader(process.getErrorStream(), err);
  }

  /** Starts {@code submit-scripts/mlem args...} in {@code dir}. */
  static LauncherRun start(Path dir, Path tmp, Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("submit-scripts/mlem").toString());
    command.addAll(args);
    return startCommand(dir, tmp, env, command);
  }

  /** Starts any command (e.g. {@code bash script}) with the launchers' environment. */
  static LauncherRun startCommand(Path dir, Path tmp, Map<String, String> env,
      List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("MLEM_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("MLEM_JAVA_OPTS", "-Xmx1g -Djava.io.tmpdir=" + tmp);
    pb.environment().putAll(env);
    try {
      Files.createDirectories(tmp);
      return new LauncherRun(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs {@code submit-scripts/mlem args...} to the end. */
  static LauncherRun run(Path dir, Path tmp, Duration timeout, List<String> args) {
    LauncherRun r = start(dir, tmp, Map.of(), args);
    r.waitFor(timeout);
    return r;
  }

  private static Thread reader(InputStream in, List<String> lines) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Waits until a stdout line matches, or fails after {@code timeout}. */
  void awaitOut(Predicate<String> line, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (out) {
      while (out.stream().noneMatch(line)) {
        long left = end - System.nanoTime();
        if (left <= 0 || !process.isAlive() && !outReader.isAlive()) {
          throw new AssertionError("no such line within " + timeout + ":\n" + describe());
        }
        try {
          out.wait(Math.max(1, Math.min(200, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** Sends {@code signal} (INT, TERM) to the launcher (the JVM: the launcher execs it). */
  void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new AssertionError("kill -" + signal + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Whether the JVM ignores {@code SIGINT} (inherited from a parent that ignores it). */
  boolean ignoresSigint() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseLong(line.substring(7).trim(), 16) & 2L) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }

  /** Waits for the end (every line read); kills the process after {@code timeout}. */
  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("timed out after " + timeout + ":\n" + describe());
      }
      outReader.join(timeout.toMillis());
      errReader.join(timeout.toMillis());
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The exit code (after {@link #waitFor}). */
  int code() {
    return process.exitValue();
  }

  /** The stdout lines so far. */
  List<String> out() {
    synchronized (out) {
      return List.copyOf(out);
    }
  }

  /** The stderr lines so far. */
  List<String> err() {
    synchronized (err) {
      return List.copyOf(err);
    }
  }

  /** Both streams, for assertion messages. */
  String describe() {
    return "stdout:\n" + String.join("\n", out()) + "\nstderr:\n" + String.join("\n", err());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
