package org.mlem.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The threads a training step's own work is split over (predictions by ranges of pairs, the
 * gradient by ranges of terms, the soft ranks of s and of t side by side): the calling thread
 * plus {@code threads - 1} daemon workers. Every split writes disjoint outputs with the
 * operations of the one-thread computation in the same order, so a fit gives the same bits for
 * any number of threads. One thread means no pool at all.
 */
final class StepThreads implements AutoCloseable {
  private final int threads;
  private final ExecutorService pool;

  StepThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null
        : Executors.newFixedThreadPool(threads - 1, LocalPairSource.daemonThreads("mlem-step-"));
  }

  /** A single-thread instance (no pool). */
  static StepThreads single() {
    return new StepThreads(1);
  }

  int threads() {
    return threads;
  }

  /** Runs parts 0..parts-1, part 0 on the calling thread; returns when all are done. */
  void run(int parts, IntConsumer part) {
    if (pool == null || parts == 1) {
      for (int p = 0; p < parts; p++) {
        part.accept(p);
      }
      return;
    }
    List<Future<?>> others = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      int index = p;
      others.add(pool.submit(() -> part.accept(index)));
    }
    part.accept(0);
    LocalPairSource.await(others);
  }

  /** Starts {@code task} on a worker (on the calling thread, now, without one). */
  <T> Future<T> start(Callable<T> task) {
    if (pool == null) {
      java.util.concurrent.FutureTask<T> now = new java.util.concurrent.FutureTask<>(task);
      now.run();
      return now;
    }
    return pool.submit(task);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
