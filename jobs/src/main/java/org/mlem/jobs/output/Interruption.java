package org.mlem.jobs.output;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What happens when the user stops a command (Ctrl-C is SIGINT, {@code kill} is SIGTERM): one
 * line on stderr saying what was interrupted and what to do ({@link #describeWith}), no stack
 * trace and no log lines, the temporaries of the atomic writers removed ({@link AtomicOutput}
 * registers them here while they exist), and exit code 130 (SIGINT) or 143 (SIGTERM).
 *
 * <p>How: the command line installs signal handlers ({@link #install}). On the first signal
 * the flag is set (the training progress and the sweep consult it, {@link #check}, and stop at
 * the next step or set), the listeners run (the command line silences logging and cancels
 * Spark's jobs so that the command unwinds quickly), and the command gets a grace period to
 * unwind through its own clean-up (an atomic writer deletes its temporary on failure). Then the
 * temporaries still registered are deleted and the JVM exits with the signal's code; Spark's
 * shutdown hooks run after logging is off. A second signal exits at once (temporaries still
 * deleted). A JVM shutdown hook deletes registered temporaries on any other exit too.
 *
 * <p>Process-wide state by nature (signals are); in-process runs (tests) never install it and
 * then {@link #requested} stays false.
 */
public final class Interruption {
  /** How long the interrupted command may take to unwind before the JVM exits anyway. */
  static final long GRACE_MILLIS = 10_000;

  private static final AtomicInteger CODE = new AtomicInteger();
  private static final Map<Path, FileSystem> TEMPORARIES = new ConcurrentHashMap<>();
  private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
  private static final CountDownLatch FINISHED = new CountDownLatch(1);
  private static final CountDownLatch ANNOUNCED = new CountDownLatch(1);
  private static volatile Supplier<String> description = () -> "interrupted";
  private static volatile PrintStream console = System.err;

  private Interruption() {}

  /** Thrown where a running command notices the interruption: unwinds it without a message. */
  public static final class InterruptedRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InterruptedRunException() {
      super("interrupted", null, false, false);
    }
  }

  /**
   * Installs the handlers of SIGINT and SIGTERM and the shutdown hook; the interruption line
   * goes to {@code stderr}. A signal the JVM cannot handle (ignored by the parent, or
   * {@code -Xrs}) keeps its default behaviour.
   */
  public static void install(PrintStream stderr) {
    console = stderr;
    for (String name : List.of("INT", "TERM")) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name),
            signal -> onSignal(128 + signal.getNumber()));
      } catch (IllegalArgumentException e) {
        // not available for this signal: the JVM's default (exit 128 + signal) stays
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(Interruption::deleteTemporaries,
        "mlem-delete-temporaries"));
  }

  /** Runs {@code listener} on the first signal (before the interruption line is printed). */
  public static void onInterrupt(Runnable listener) {
    LISTENERS.add(listener);
  }

  /**
   * Sets what the interruption line says, computed when the signal comes, e.g.
   * "interrupted during set 3/12; rerun the same command to resume".
   */
  public static void describeWith(Supplier<String> text) {
    description = text;
  }

  /** Whether a signal asked the command to stop. */
  public static boolean requested() {
    return CODE.get() != 0;
  }

  /** The exit code of the signal (130 for SIGINT, 143 for SIGTERM), 0 when not interrupted. */
  public static int exitCode() {
    return CODE.get();
  }

  /**
   * Stops the caller when a signal asked to stop.
   *
   * @throws InterruptedRunException if interrupted
   */
  public static void check() {
    if (requested()) {
      throw new InterruptedRunException();
    }
  }

  /** Whether {@code t} or a cause is an {@link InterruptedRunException}. */
  public static boolean causedBy(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InterruptedRunException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** Called by the command line when the command has returned (the grace period ends). */
  public static void finished() {
    FINISHED.countDown();
  }

  /**
   * Waits until the interruption line is printed, when a signal came: the command can unwind
   * faster than the signal handler runs its listeners (the first use of Spark's classes by an
   * in-process run takes seconds on a busy machine), and exiting first would lose the line.
   */
  public static void awaitAnnouncement() {
    if (!requested()) {
      return;
    }
    try {
      ANNOUNCED.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Registers a temporary being written (deleted if the process is stopped). */
  static void registerTemporary(FileSystem fs, Path temp) {
    TEMPORARIES.put(temp, fs);
  }

  /** The temporary was renamed into place or deleted. */
  static void releaseTemporary(Path temp) {
    TEMPORARIES.remove(temp);
  }

  /** Deletes every registered temporary (best effort: the process is ending). */
  public static void deleteTemporaries() {
    for (Map.Entry<Path, FileSystem> e : new ArrayList<>(TEMPORARIES.entrySet())) {
      try {
        e.getValue().delete(e.getKey(), true);
      } catch (IOException | RuntimeException ex) {
        // the process is ending; a stale temporary is removed by the next run of the command
      }
      TEMPORARIES.remove(e.getKey());
    }
  }

  private static void onSignal(int code) {
    if (!CODE.compareAndSet(0, code)) {
      deleteTemporaries();
      Runtime.getRuntime().halt(CODE.get());
      return;
    }
    String line;
    try {
      line = description.get();
    } catch (RuntimeException e) {
      line = "interrupted";
    }
    for (Runnable l : LISTENERS) {
      try {
        l.run();
      } catch (RuntimeException e) {
        // a listener only speeds up the unwinding
      }
    }
    console.println("mlem: " + line);
    console.flush();
    ANNOUNCED.countDown();
    Thread exit = new Thread(() -> {
      try {
        FINISHED.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteTemporaries();
      System.exit(code);
    }, "mlem-interrupted");
    exit.setDaemon(true);
    exit.start();
  }
}
