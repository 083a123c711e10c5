package org.mlem.core.train;

import java.util.Objects;
import org.mlem.core.metric.SparseDeltas;

/**
 * A batch of stimulus pairs as a training step loads it: each pair's non-zero feature distances
 * and its neural distance. The in-process source builds it without the dense B x F array of a
 * {@link PairBatch} (at 645k pairs x 24 features, 124 MB written and read twice per step);
 * other sources convert their dense batches.
 *
 * <p>Arrays are owned by the batch once built and must not be modified by consumers; once a
 * consumer hands it back ({@link PairSource#recycle(SparseBatch)}) the source may refill them.
 *
 * @param delta the pairs' non-zero feature distances
 * @param neural one neural distance per pair, finite
 */
public record SparseBatch(SparseDeltas delta, double[] neural) {
  /** Validates the shapes and that every neural distance is finite. */
  public SparseBatch {
    Objects.requireNonNull(delta, "delta");
    if (delta.rows() < 1) {
      throw new IllegalArgumentException("a pair batch needs at least 1 pair, found "
          + delta.rows());
    }
    if (neural.length != delta.rows()) {
      throw new IllegalArgumentException("neural must hold one distance per pair ("
          + delta.rows() + "), found " + neural.length);
    }
    PairBatch.requireFinite(neural);
  }

  /** The number of pairs B. */
  public int size() {
    return neural.length;
  }

  /** The non-zero form of a dense batch (computed on the calling thread). */
  public static SparseBatch of(PairBatch batch) {
    return new SparseBatch(
        SparseDeltas.of(batch.delta(), batch.size(), batch.featureCount()), batch.neural());
  }
}
