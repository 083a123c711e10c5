package org.mlem.core.train;

import java.util.List;

/**
 * Supplies batches of stimulus pairs with their feature and neural distances. The trainer, the
 * evaluation and the permutation importance only see this interface; the in-process
 * {@link LocalPairSource} computes batches with threads, the Spark module with executors.
 *
 * <p>Contract: the batch for a request depends only on the run seed, the split and the request
 * (stream, index, size), never on which thread, task or executor computes it, nor on the other
 * requests of the call. Implementations may compute the requests of one call concurrently.
 */
public interface PairSource extends AutoCloseable {
  /** Number of features F of every batch. */
  int featureCount();

  /** Number of distinct unordered pairs the stream draws from (m(m-1)/2 for m stimuli). */
  long pairCount(PairStream stream);

  /** Computes the requested batches, in request order. */
  List<PairBatch> batches(List<BatchRequest> requests);

  /** Computes one batch. */
  default PairBatch batch(BatchRequest request) {
    return batches(List.of(request)).get(0);
  }

  /**
   * The requested batches as a training step loads them (non-zero feature distances), in
   * request order: the same pairs and values as {@link #batches}. The default converts those
   * batches on the calling thread (their neural distances are kept, so the dense batches are
   * not handed back for reuse).
   *
   * @param background whether the caller computes on this machine's cores meanwhile (a
   *     trainer's prefetch of later steps): an in-process source then keeps to the calling
   *     thread instead of competing with it; the batches are the same either way
   */
  default List<SparseBatch> sparseBatches(List<BatchRequest> requests, boolean background) {
    List<PairBatch> dense = batches(requests);
    List<SparseBatch> out = new java.util.ArrayList<>(dense.size());
    for (PairBatch batch : dense) {
      out.add(SparseBatch.of(batch));
    }
    return out;
  }

  /**
   * Whether this source builds batches in this JVM at no cost per call and may be called from
   * several threads at once (the in-process source): the trainer then requests its batches one
   * step at a time and, rather than wait for one, builds a later one itself. False (the
   * default) for sources whose calls are cluster jobs: the trainer requests chunks of
   * {@code --prefetch-steps} steps, one call at a time.
   */
  default boolean buildsInProcess() {
    return false;
  }

  /**
   * Hands back a batch from {@link #sparseBatches} that its caller no longer reads (the
   * trainer, once a step is done with it), for its arrays to be reused. The default does
   * nothing.
   */
  default void recycle(SparseBatch batch) {}

  /** Releases threads or cluster resources; the default does nothing. */
  @Override
  default void close() {}
}
