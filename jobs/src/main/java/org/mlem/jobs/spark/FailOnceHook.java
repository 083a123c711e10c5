package org.mlem.jobs.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * A testing hook that makes exactly one task attempt fail, to show that retried tasks recompute
 * exactly what they lost. It is off unless the Spark conf key {@value #CONF_KEY} names a local
 * file: then the first task (of any job of this factory) that finds the file deletes it and
 * throws; every later attempt finds no file and runs normally. Deletion is atomic, so exactly one
 * attempt fails even with concurrent tasks or several executors on one machine. Use it only in
 * tests, together with {@code spark.task.maxFailures} &gt; 1 (in local mode the master
 * {@code local[N,F]} sets the allowed failures).
 */
final class FailOnceHook implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The Spark conf key naming the marker file. */
  static final String CONF_KEY = "spark.mlem.test.failOnceMarker";

  /** The marker path, or null when the hook is off. */
  private final String marker;

  private FailOnceHook(String marker) {
    this.marker = marker;
  }

  /** The hook configured by {@value #CONF_KEY} in the conf (off when the key is absent/blank). */
  static FailOnceHook from(SparkConf conf) {
    Optional<String> value = conf.contains(CONF_KEY)
        ? Optional.of(conf.get(CONF_KEY).trim()).filter(s -> !s.isEmpty())
        : Optional.empty();
    return new FailOnceHook(value.orElse(null));
  }

  /** Whether a marker is configured. */
  boolean enabled() {
    return marker != null;
  }

  /**
   * Called at the start of every task: if the marker exists, deletes it and throws.
   *
   * @param task what the task computes, for the message
   * @throws IllegalStateException the injected failure
   */
  void maybeFail(String task) {
    if (marker == null) {
      return;
    }
    boolean deleted;
    try {
      deleted = Files.deleteIfExists(Path.of(marker));
    } catch (IOException e) {
      throw new UncheckedIOException("fail-once test hook: cannot delete the marker " + marker
          + " named by " + CONF_KEY + "; remove the key or fix the path", e);
    }
    if (deleted) {
      throw new IllegalStateException("fail-once test hook: injected failure of task '" + task
          + "' (marker " + marker + " from " + CONF_KEY + " consumed; the retry will succeed)");
    }
  }
}
