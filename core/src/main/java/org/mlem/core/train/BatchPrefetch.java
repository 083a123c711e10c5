package org.mlem.core.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The training batches of one fit, built ahead of the steps that load them so that steps rarely
 * wait: one background thread builds the coming batches while steps train.
 *
 * <p>The batches are requested from the source in calls of {@code perCall} consecutive steps
 * (the unit here: a call), at most {@code ahead} calls beyond the one being trained. A cluster
 * source computes a call as one job, so calls are chunks of {@code --prefetch-steps} steps
 * computed one at a time, the next while the current one trains. An in-process source
 * ({@link PairSource#buildsInProcess}) builds batches one by one at no cost per call: each call
 * is one step, up to {@code --prefetch-steps} steps ahead, and a step whose batch is still being
 * built does not idle: its thread builds a later batch no thread has started (on every core,
 * beside the background thread), then takes its own. When building a batch costs more than
 * training on it (768-dimensional neural distances of 35k pairs against a 12-feature step) the
 * cores thus share the building instead of one core building while the other waits.
 *
 * <p>The first call (with the validation batch when early stopping watches one) is built by the
 * trainer on every core, as no step can train before it. Which thread builds a batch never
 * changes it (the source's contract): the fit is the same bit for bit.
 */
final class BatchPrefetch implements AutoCloseable {
  private final PairSource source;
  private final int batchSize;
  private final int maxSteps;
  private final int perCall;
  private final int ahead;
  private final boolean helping;
  private final boolean validating;
  private final ExecutorService background;

  /** Calls claimed by a thread, by call index; their futures complete when built. */
  private final Map<Integer, CompletableFuture<List<SparseBatch>>> claimed = new HashMap<>();
  /** The next call no thread has claimed (calls are claimed in order). */
  private int nextUnclaimed;
  /** The call the trainer is on. */
  private int current;
  private boolean closed;
  /** Whether the first call is built (the background thread waits for it). */
  private boolean started;

  /**
   * Starts the background thread (which waits until the first call is claimed).
   *
   * @param prefetchSteps the steps built ahead ({@code --prefetch-steps}), >= 1
   * @param validating whether the first call starts with the validation batch
   */
  BatchPrefetch(PairSource source, int batchSize, int maxSteps, int prefetchSteps,
      boolean validating) {
    this.source = source;
    this.batchSize = batchSize;
    this.maxSteps = maxSteps;
    boolean inProcess = source.buildsInProcess();
    this.perCall = inProcess ? 1 : prefetchSteps;
    this.ahead = inProcess ? prefetchSteps : 1;
    this.helping = inProcess;
    this.validating = validating;
    this.background = Executors.newSingleThreadExecutor(r -> {
      Thread th = new Thread(r, "mlem-prefetch");
      th.setDaemon(true);
      return th;
    });
    background.execute(this::buildInBackground);
  }

  /**
   * The validation batch followed by the first call's training batches (when validating), or
   * the first call's training batches: built on the calling thread and every core. The
   * background thread starts on the next call once this one is built.
   */
  List<SparseBatch> first() {
    CompletableFuture<List<SparseBatch>> future;
    synchronized (this) {
      future = claim();
    }
    build(0, future, false);
    synchronized (this) {
      started = true;
      notifyAll();
    }
    return join(future);
  }

  /**
   * The training batches of the call after the previous one taken (after {@link #first}), once
   * built; null when every step up to the maximum has been handed out.
   */
  List<SparseBatch> next() {
    int call;
    CompletableFuture<List<SparseBatch>> own;
    boolean mine = false;
    synchronized (this) {
      call = current + 1;
      if (firstStep(call) >= maxSteps) {
        return null;
      }
      claimed.remove(current);
      current = call;
      notifyAll(); // the window moved on: the background thread may claim one more call
      own = claimed.get(call);
      if (own == null && helping) { // nobody started it: calls are claimed in order
        own = claim();
        mine = true;
      }
      while (own == null) { // a cluster source's calls are the background thread's alone
        waitHere();
        own = claimed.get(call);
      }
    }
    if (mine) {
      build(call, own, false);
    }
    while (helping && !own.isDone() && helpOnce()) {
      // one later call built by this thread while the background thread builds ours
    }
    return join(own);
  }

  /** Waits for the background thread (holds the lock); an interruption stops the fit. */
  private void waitHere() {
    if (closed) {
      throw new IllegalStateException("the batch prefetch was stopped");
    }
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a training batch", e);
    }
  }

  /** Builds the next unclaimed call inside the window on this thread; false when there is none. */
  private boolean helpOnce() {
    int call;
    CompletableFuture<List<SparseBatch>> future;
    synchronized (this) {
      if (closed || nextUnclaimed > current + ahead || firstStep(nextUnclaimed) >= maxSteps) {
        return false;
      }
      call = nextUnclaimed;
      future = claim();
    }
    build(call, future, false);
    return true;
  }

  /** Stops the background thread; batches still being built are abandoned. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      for (CompletableFuture<List<SparseBatch>> f : claimed.values()) {
        f.cancel(true);
      }
      notifyAll();
    }
    background.shutdownNow();
  }

  /** Claims call {@code nextUnclaimed}; the caller builds it. Holds the lock. */
  private CompletableFuture<List<SparseBatch>> claim() {
    CompletableFuture<List<SparseBatch>> future = new CompletableFuture<>();
    claimed.put(nextUnclaimed, future);
    nextUnclaimed++;
    return future;
  }

  /** The background thread: claims and builds the calls in the window, in order. */
  private void buildInBackground() {
    while (true) {
      CompletableFuture<List<SparseBatch>> future;
      int call;
      synchronized (this) {
        while (!closed && (!started || nextUnclaimed > current + ahead)
            && firstStep(nextUnclaimed) < maxSteps) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed || firstStep(nextUnclaimed) >= maxSteps) {
          return;
        }
        call = nextUnclaimed;
        future = claim();
        notifyAll(); // a trainer waiting for this call
      }
      if (!build(call, future, true) || Thread.currentThread().isInterrupted()) {
        return; // a failure is the trainer's to report: it stops the fit
      }
    }
  }

  /** Builds call {@code call} into {@code future}, or its failure; true when built. */
  private boolean build(int call, CompletableFuture<List<SparseBatch>> future,
      boolean inBackground) {
    try {
      future.complete(source.sparseBatches(requests(call), inBackground));
      return true;
    } catch (RuntimeException | Error e) {
      future.completeExceptionally(e);
      return false;
    }
  }

  /** The requests of a call: its steps' training batches, after the validation batch in call 0. */
  private List<BatchRequest> requests(int call) {
    int from = (int) firstStep(call);
    int count = Math.min(perCall, maxSteps - from);
    List<BatchRequest> requests = new ArrayList<>(count + 1);
    if (call == 0 && validating) {
      requests.add(new BatchRequest(PairStream.VALIDATION, 0, batchSize));
    }
    for (int k = 0; k < count; k++) {
      requests.add(new BatchRequest(PairStream.TRAINING, from + k, batchSize));
    }
    return requests;
  }

  private long firstStep(int call) {
    return (long) call * perCall;
  }

  /** The call's batches, its failure rethrown as it was thrown. */
  private static List<SparseBatch> join(CompletableFuture<List<SparseBatch>> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    } catch (CancellationException e) {
      throw new IllegalStateException("the batch prefetch was stopped", e);
    }
  }
}
