package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs independent tasks 0..n-1 on a fixed number of threads and returns their results in task
 * order, whatever order they finished in: the experiments' results must not depend on the
 * thread count. The first task to fail cancels the rest and its exception is rethrown (an
 * unchecked exception as is, a checked one wrapped).
 */
public final class ParallelRuns {
  private ParallelRuns() {}

  /**
   * Runs every task.
   *
   * @param tasks the number of tasks, >= 0
   * @param threads worker threads, >= 1
   * @param task computes the result of task i (called once per i, from a worker thread)
   * @param <T> the result type
   * @return the results, index i holding task i's
   * @throws IllegalArgumentException if threads < 1 or tasks < 0
   */
  public static <T> List<T> run(int tasks, int threads, IntFunction<T> task) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    if (tasks < 0) {
      throw new IllegalArgumentException("tasks must be >= 0, found " + tasks);
    }
    if (tasks == 0) {
      return List.of();
    }
    AtomicInteger worker = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks), r -> {
      Thread t = new Thread(r, "mlem-experiment-" + worker.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(tasks);
      for (int i = 0; i < tasks; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.apply(index)));
      }
      List<T> results = new ArrayList<>(tasks);
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the experiment runs", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("an experiment run failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
