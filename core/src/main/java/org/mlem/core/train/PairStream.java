package org.mlem.core.train;

/**
 * The independent random streams from which pairs are drawn. A batch is identified by its stream
 * and its index in the stream; together with the run seed they fix every pair it holds.
 */
public enum PairStream {
  /** Training steps; pairs of training stimuli. Index = step. */
  TRAINING(1, true),
  /** Held-out scores; pairs of test stimuli. Index = evaluation batch. */
  EVALUATION(2, false),
  /** Permutation importance; pairs of test stimuli. Index = permutation. */
  IMPORTANCE(3, false),
  /** Batch-size estimation; pairs of the stimuli searched. Index = batch (nested batches). */
  BATCH_SIZE(4, true),
  /** The early-stopping validation batch; pairs of training stimuli. Index 0. */
  VALIDATION(5, true);

  private final long id;
  private final boolean training;

  PairStream(long id, boolean training) {
    this.id = id;
    this.training = training;
  }

  /** The number hashed with the seed; stable across releases (changing it changes results). */
  public long id() {
    return id;
  }

  /** True when the stream draws from the training stimuli, false for the held-out ones. */
  public boolean drawsFromTraining() {
    return training;
  }
}
