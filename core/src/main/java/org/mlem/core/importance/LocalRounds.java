package org.mlem.core.importance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs permutation rounds on local threads, results in round order whatever the scheduling: the
 * in-process runner of both importance kinds.
 */
final class LocalRounds {
  private LocalRounds() {}

  /**
   * The rounds 0..count-1, computed by {@code round} on {@code threads} daemon threads named
   * {@code name} (on the calling thread when threads is 1).
   */
  static List<PermutationRound> run(
      int count, int threads, String name, IntFunction<PermutationRound> round) {
    List<PermutationRound> rounds = new ArrayList<>(count);
    if (threads == 1) {
      for (int p = 0; p < count; p++) {
        rounds.add(round.apply(p));
      }
      return rounds;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PermutationRound>> futures = new ArrayList<>(count);
      for (int p = 0; p < count; p++) {
        int index = p;
        futures.add(pool.submit(() -> round.apply(index)));
      }
      for (Future<PermutationRound> future : futures) {
        rounds.add(get(future));
      }
    } finally {
      pool.shutdownNow();
    }
    return rounds;
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during permutation importance", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("permutation importance failed", e.getCause());
    }
  }
}
