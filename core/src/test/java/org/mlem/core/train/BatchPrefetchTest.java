package org.mlem.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.SparseDeltas;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.testing.SimulatedProblem;

/**
 * The trainer's prefetch: every step's batch handed out once, in order and equal to the
 * source's batch for that request, whichever thread built it; an in-process source asked one
 * step at a time, within the window, with the waiting trainer building later batches; a
 * cluster source asked for chunks one call at a time; failures and early stops.
 */
class BatchPrefetchTest {
  private static final SimulatedProblem PROBLEM = SimulatedProblem.generate(120, 4, 8, 0.3, 5);
  private static final StimulusSplit SPLIT = Splits.trainTest(120, 0.2, 3);
  private static final int BATCH = 700;

  /** One call of the source as seen by it. */
  private record Call(List<BatchRequest> requests, boolean background, String thread,
      int concurrent) {}

  /**
   * The local source's batches, with the calls recorded, an optional delay for background
   * calls (a slow prefetch) and for foreground ones, and an optional failing step.
   */
  private static final class RecordingSource implements PairSource {
    final LocalPairSource local =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 11, 2);
    final boolean inProcess;
    final long backgroundMillis;
    final int failingStep;
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();

    RecordingSource(boolean inProcess, long backgroundMillis, int failingStep) {
      this.inProcess = inProcess;
      this.backgroundMillis = backgroundMillis;
      this.failingStep = failingStep;
    }

    @Override
    public int featureCount() {
      return local.featureCount();
    }

    @Override
    public long pairCount(PairStream stream) {
      return local.pairCount(stream);
    }

    @Override
    public List<PairBatch> batches(List<BatchRequest> requests) {
      return local.batches(requests);
    }

    @Override
    public boolean buildsInProcess() {
      return inProcess;
    }

    @Override
    public List<SparseBatch> sparseBatches(List<BatchRequest> requests, boolean background) {
      int concurrent = running.incrementAndGet();
      try {
        calls.add(new Call(List.copyOf(requests), background, Thread.currentThread().getName(),
            concurrent));
        for (BatchRequest r : requests) {
          if (r.stream() == PairStream.TRAINING && r.index() == failingStep) {
            throw new IllegalStateException("no batch for step " + failingStep);
          }
        }
        if (background && backgroundMillis > 0) {
          try {
            Thread.sleep(backgroundMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
        }
        return local.sparseBatches(requests, background);
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public void close() {
      local.close();
    }
  }

  /** Every batch handed out, in order: the first call's, then each next() until null. */
  private static List<SparseBatch> drain(BatchPrefetch prefetch, long stepMillis) {
    List<SparseBatch> out = new ArrayList<>(prefetch.first());
    for (List<SparseBatch> call = prefetch.next(); call != null; call = prefetch.next()) {
      out.addAll(call);
      sleep(stepMillis * call.size());
    }
    return out;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The batch of a request straight from a fresh source (on one thread). */
  private static void assertSameBatch(BatchRequest request, SparseBatch actual) {
    try (LocalPairSource fresh =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 11, 1)) {
      PairBatch expected = fresh.batch(request);
      assertArrayEquals(expected.neural(), actual.neural(), request.toString());
      SparseDeltas delta = actual.delta();
      assertEquals(expected.size(), delta.rows(), request.toString());
      double[] w = new double[expected.featureCount()];
      for (int f = 0; f < w.length; f++) {
        w[f] = 1.0 + f;
      }
      double[] got = new double[expected.size()];
      delta.predict(0, expected.size(), false, w, got);
      double[] want = new double[expected.size()];
      SparseDeltas.of(expected.delta(), expected.size(), expected.featureCount())
          .predict(0, expected.size(), false, w, want);
      assertArrayEquals(want, got, request.toString());
    }
  }

  @Test
  void anInProcessSourceIsAskedOneStepAtATimeAndTheWaitingTrainerBuildsLaterBatches() {
    int maxSteps = 20;
    try (RecordingSource source = new RecordingSource(true, 40, -1);
        BatchPrefetch prefetch = new BatchPrefetch(source, BATCH, maxSteps, 4, true)) {
      List<SparseBatch> batches = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> drain(prefetch, 0));
      assertEquals(maxSteps + 1, batches.size(), "the validation batch and one per step");
      assertSameBatch(new BatchRequest(PairStream.VALIDATION, 0, BATCH), batches.get(0));
      for (int step = 0; step < maxSteps; step++) {
        assertSameBatch(new BatchRequest(PairStream.TRAINING, step, BATCH),
            batches.get(step + 1));
      }
      List<Call> calls = List.copyOf(source.calls);
      List<Long> requested = new ArrayList<>();
      for (Call c : calls) {
        for (BatchRequest r : c.requests()) {
          if (r.stream() == PairStream.TRAINING) {
            requested.add(r.index());
          }
        }
      }
      Collections.sort(requested);
      List<Long> once = new ArrayList<>();
      for (long s = 0; s < maxSteps; s++) {
        once.add(s);
      }
      assertEquals(once, requested, "every step requested exactly once");
      assertEquals(List.of(new BatchRequest(PairStream.VALIDATION, 0, BATCH),
          new BatchRequest(PairStream.TRAINING, 0, BATCH)), calls.get(0).requests());
      assertEquals(false, calls.get(0).background(), "the first call on every core");
      for (Call c : calls.subList(1, calls.size())) {
        assertEquals(1, c.requests().size(), "one step a call: " + c);
      }
      // the background calls are slow (40 ms) and steps instant: the trainer builds some
      long byTrainer = calls.stream().skip(1).filter(c -> !c.background()).count();
      assertTrue(byTrainer > 0, "the waiting trainer built later batches");
      assertTrue(calls.stream().filter(Call::background)
          .allMatch(c -> c.thread().equals("mlem-prefetch")));
    }
  }

  @Test
  void theBackgroundThreadStaysWithinTheWindow() {
    int maxSteps = 30;
    int ahead = 3;
    try (RecordingSource source = new RecordingSource(true, 0, -1);
        BatchPrefetch prefetch = new BatchPrefetch(source, BATCH, maxSteps, ahead, false)) {
      assertEquals(1, prefetch.first().size());
      for (int step = 1; step < maxSteps; step++) {
        sleep(15); // a slow step: the background thread runs ahead until the window is full
        long furthest = source.calls.stream().flatMap(c -> c.requests().stream())
            .mapToLong(BatchRequest::index).max().orElseThrow();
        assertTrue(furthest <= step - 1 + ahead,
            "step " + step + ": built up to " + furthest + ", window " + ahead);
        List<SparseBatch> call = prefetch.next();
        assertEquals(1, call.size());
      }
      assertNull(prefetch.next());
    }
  }

  @Test
  void aClusterSourceIsAskedForChunksOneCallAtATime() {
    int maxSteps = 21;
    int chunk = 8;
    try (RecordingSource source = new RecordingSource(false, 30, -1);
        BatchPrefetch prefetch = new BatchPrefetch(source, BATCH, maxSteps, chunk, false)) {
      List<SparseBatch> batches = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> drain(prefetch, 0));
      assertEquals(maxSteps, batches.size());
      for (int step = 0; step < maxSteps; step++) {
        assertSameBatch(new BatchRequest(PairStream.TRAINING, step, BATCH), batches.get(step));
      }
      List<Call> calls = List.copyOf(source.calls);
      assertEquals(3, calls.size(), "chunks of 8, 8 and 5 steps: " + calls);
      for (int c = 0; c < calls.size(); c++) {
        List<BatchRequest> requests = calls.get(c).requests();
        assertEquals(Math.min(chunk, maxSteps - c * chunk), requests.size());
        assertEquals(c * chunk, requests.get(0).index());
        assertEquals(1, calls.get(c).concurrent(), "never two calls at once");
        assertEquals(c > 0, calls.get(c).background(), "later chunks in the background");
      }
    }
  }

  @Test
  void aFailureReachesTheTrainerAsThrownInEitherMode() {
    for (boolean inProcess : new boolean[] {true, false}) {
      try (RecordingSource source = new RecordingSource(inProcess, 5, 6);
          BatchPrefetch prefetch = new BatchPrefetch(source, BATCH, 40, 2, false)) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> drain(prefetch, 0)));
        assertEquals("no batch for step 6", e.getMessage(), "in process: " + inProcess);
      }
    }
  }

  @Test
  void closingMidwayStopsTheBackgroundThread() {
    RecordingSource source = new RecordingSource(true, 20, -1);
    BatchPrefetch prefetch = new BatchPrefetch(source, BATCH, 1000, 4, false);
    prefetch.first();
    prefetch.next();
    assertTimeoutPreemptively(Duration.ofSeconds(10), prefetch::close);
    sleep(100);
    int after = source.calls.size();
    sleep(200);
    assertEquals(after, source.calls.size(), "no call after close");
    assertTrue(after < 20, "the window bounds the calls made: " + after);
    source.close();
  }

  @Test
  void aFitIsTheSameWhenTheTrainerBuildsSomeBatches() {
    // The same fit from a source whose prefetch is slow (the trainer builds many batches
    // itself) and from a plain one.
    TrainingConfig config = TrainingConfig.defaults(4).withStopping(10, 25);
    TrainedMetric plain;
    try (LocalPairSource source =
        new LocalPairSource(PROBLEM.features(), PROBLEM.distances(), SPLIT, 11, 2)) {
      plain = new Trainer(config).fit(source, BATCH, PROBLEM.features().names(),
          TrainingProgress.NONE);
    }
    TrainedMetric helped;
    try (RecordingSource source = new RecordingSource(true, 30, -1)) {
      helped = new Trainer(config).fit(source, BATCH, PROBLEM.features().names(),
          TrainingProgress.NONE);
      assertTrue(source.calls.stream().skip(1).anyMatch(c -> !c.background()),
          "the trainer built some batches");
    }
    assertArrayEquals(plain.coefficients(), helped.coefficients());
    assertArrayEquals(plain.history().scores(), helped.history().scores());
    assertArrayEquals(plain.history().validationScores(), helped.history().validationScores());
  }
}
