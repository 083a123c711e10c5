package org.mlem.core.train;

import java.util.Objects;

/**
 * One batch to produce: {@code size} pairs of the given stream at the given index. A source in
 * full-RDM mode (size at least the number of available pairs) returns every pair once instead.
 *
 * @param stream which stimuli the pairs come from and which random stream draws them
 * @param index position in the stream (step, evaluation batch or permutation), >= 0
 * @param size number of pairs requested, >= 2
 */
public record BatchRequest(PairStream stream, long index, int size) {
  /** Validates the request. */
  public BatchRequest {
    Objects.requireNonNull(stream, "stream");
    if (index < 0) {
      throw new IllegalArgumentException("batch index must be >= 0, found " + index);
    }
    if (size < 2) {
      throw new IllegalArgumentException("batch size must be >= 2, found " + size);
    }
  }
}
