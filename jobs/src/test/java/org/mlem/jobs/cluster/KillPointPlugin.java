package org.mlem.jobs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * A Spark plugin for the executor-loss test: it holds one task of a chosen phase still so that
 * the test can kill -9 its executor JVM at that exact moment. Enabled with
 * {@code spark.plugins=org.mlem.jobs.cluster.KillPointPlugin} and {@value #DIR_KEY} naming a
 * local directory (the executors load it from {@code spark.executor.extraClassPath}).
 *
 * <p>A task whose job description (set by the jobs, e.g. "mlem: training steps 8-15" or "mlem:
 * permutation importance (3 rounds)") contains a phase's text, and that finds the marker file
 * {@code DIR/<phase>}, deletes it (atomic: exactly one task claims it), writes
 * {@code DIR/<phase>.pid} with "pid executor-id app-id", and then sleeps until its JVM is
 * killed (at most five minutes). Every other task runs untouched; the plugin does not change
 * what any task computes.
 */
public final class KillPointPlugin implements SparkPlugin {
  /** The Spark conf key naming the marker directory. */
  static final String DIR_KEY = "spark.mlem.test.killPointDir";
  /** The local property holding a job's description (SparkContext.SPARK_JOB_DESCRIPTION). */
  static final String JOB_DESCRIPTION = "spark.job.description";
  /** Phase name to the job-description text that marks its tasks. */
  static final Map<String, String> PHASES =
      Map.of("training", "mlem: training steps", "importance", "mlem: permutation importance",
          "searchlight", "mlem searchlight wave");

  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new KillPoint();
  }

  private static final class KillPoint implements ExecutorPlugin {
    private Path dir;
    private String executorId;
    private String appId;

    @Override
    public void init(PluginContext ctx, Map<String, String> extraConf) {
      String value = ctx.conf().get(DIR_KEY, "");
      dir = value.isBlank() ? null : Path.of(value);
      executorId = ctx.executorID();
      appId = ctx.conf().getAppId();
    }

    @Override
    public void onTaskStart() {
      TaskContext task = TaskContext.get();
      if (dir == null || task == null) {
        return;
      }
      String description = task.getLocalProperty(JOB_DESCRIPTION);
      if (description == null) {
        return;
      }
      for (Map.Entry<String, String> phase : PHASES.entrySet()) {
        if (description.contains(phase.getValue()) && claim(phase.getKey())) {
          holdUntilKilled(phase.getKey());
        }
      }
    }

    private boolean claim(String phase) {
      try {
        Files.delete(dir.resolve(phase));
        return true;
      } catch (NoSuchFileException e) {
        return false;
      } catch (IOException e) {
        throw new IllegalStateException("kill-point plugin: cannot delete " + dir.resolve(phase),
            e);
      }
    }

    private void holdUntilKilled(String phase) {
      try {
        Path tmp = dir.resolve(phase + ".pid.tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + " " + executorId + " " + appId,
            StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(phase + ".pid"), StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(5 * 60 * 1000L);
      } catch (IOException e) {
        throw new IllegalStateException("kill-point plugin: cannot write the pid file", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("kill-point plugin: the " + phase + " executor was not"
          + " killed within five minutes");
    }
  }
}
