package org.mlem.jobs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message filters of {@code conf/log4j2.properties}, read from the file the launchers use:
 * each drops exactly the harmless line it names (checked on an event as Spark logs it) and lets
 * its logger's other lines through. A race a run hits rarely (the local executor's last
 * heartbeat after the driver's receiver has stopped) cannot be provoked on demand, so the
 * filter that hides it is checked here rather than only by a launcher run.
 */
class LogConfigFiltersTest {
  private static LoggerContext context;

  @BeforeAll
  static void load() {
    Path file = Path.of("..", "conf", "log4j2.properties").toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("not found: " + file);
    }
    context = new LoggerContext("log-config-filters-test");
    context.setConfigLocation(file.toUri());
  }

  @AfterAll
  static void stop() {
    context.stop();
  }

  private static Filter.Result filter(String logger, Level level, String message) {
    LoggerConfig config = context.getConfiguration().getLoggerConfig(logger);
    assertEquals(logger, config.getName(), "a logger of its own in the file");
    Filter filter = config.getFilter();
    assertNotNull(filter, logger + " has a filter");
    LogEvent event = Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(level)
        .setMessage(new SimpleMessage(message))
        .setThrown(new IllegalStateException("Could not find HeartbeatReceiver.")).build();
    return filter.filter(event);
  }

  @Test
  void theLocalExecutorsLastHeartbeatAtShutdownIsDropped() {
    assertEquals(Filter.Result.DENY, filter("org.apache.spark.executor.Executor", Level.WARN,
        "Issue communicating with driver in heartbeater"));
  }

  @Test
  void theExecutorsOtherWarningsAndErrorsStay() {
    assertEquals(Filter.Result.NEUTRAL, filter("org.apache.spark.executor.Executor", Level.ERROR,
        "Exit as unable to send heartbeats to driver more than 60 times"));
    assertEquals(Filter.Result.NEUTRAL, filter("org.apache.spark.executor.Executor", Level.WARN,
        "Managed memory leak detected; size = 1024 bytes, task 0.0 in stage 1.0 (TID 1)"));
  }

  @Test
  void cancelledPrefetchTasksAreDroppedButOtherTaskLossesStay() {
    assertEquals(Filter.Result.DENY, filter("org.apache.spark.scheduler.TaskSetManager",
        Level.WARN, "Lost task 1.0 in stage 3.0 (TID 7) (127.0.0.1 executor driver): "
            + "TaskKilled (Stage cancelled: Job 3 cancelled)"));
    assertEquals(Filter.Result.NEUTRAL, filter("org.apache.spark.scheduler.TaskSetManager",
        Level.WARN, "Lost task 1.0 in stage 3.0 (TID 7) (127.0.0.1 executor driver): "
            + "java.lang.OutOfMemoryError: Java heap space"));
  }
}
