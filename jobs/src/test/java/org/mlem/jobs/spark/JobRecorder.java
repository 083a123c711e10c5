package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Records what Spark ran: each job's description and task count, and failed task attempts.
 * Listener events arrive asynchronously; {@link #await} polls for them.
 */
final class JobRecorder extends SparkListener {
  /** A started job. */
  record Job(String description, int tasks) {}

  private final List<Job> jobs = new ArrayList<>();
  private final AtomicInteger failedTasks = new AtomicInteger();

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    String description = jobStart.properties() == null ? null
        : jobStart.properties().getProperty("spark.job.description");
    int tasks = 0;
    for (int s = 0; s < jobStart.stageInfos().size(); s++) {
      tasks += jobStart.stageInfos().apply(s).numTasks();
    }
    jobs.add(new Job(description, tasks));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskInfo().failed()) {
      failedTasks.incrementAndGet();
    }
  }

  /** The jobs started so far. */
  synchronized List<Job> jobs() {
    return List.copyOf(jobs);
  }

  /** Failed task attempts so far. */
  int failedTasks() {
    return failedTasks.get();
  }

  /** Forgets everything recorded. */
  synchronized void clear() {
    jobs.clear();
    failedTasks.set(0);
  }

  /** Waits up to 10 s for the condition (listener events are delivered asynchronously). */
  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
