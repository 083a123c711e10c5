package org.mlem.core.train;

/**
 * A batch of stimulus pairs as the trainer consumes it: for each pair its feature-distance vector
 * (one row of {@code delta}, F values in [0, 1]) and its neural distance.
 *
 * <p>Arrays are owned by the batch once built and must not be modified by consumers; once a
 * consumer hands the batch back ({@link PairSource#recycle}) the source may refill them.
 *
 * @param size number of pairs B
 * @param featureCount number of features F
 * @param delta B x F feature distances, row-major
 * @param neural B neural distances, finite
 */
public record PairBatch(int size, int featureCount, double[] delta, double[] neural) {
  /** Validates the shapes and that every neural distance is finite. */
  public PairBatch {
    if (size < 1) {
      throw new IllegalArgumentException("a pair batch needs at least 1 pair, found " + size);
    }
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be >= 1, found " + featureCount);
    }
    if (delta.length != (long) size * featureCount) {
      throw new IllegalArgumentException(
          "delta must hold size x featureCount = " + ((long) size * featureCount)
              + " values, found " + delta.length);
    }
    if (neural.length != size) {
      throw new IllegalArgumentException(
          "neural must hold one distance per pair (" + size + "), found " + neural.length);
    }
    requireFinite(neural);
  }

  /** Rejects a neural distance that is not finite, naming the pair. */
  static void requireFinite(double[] neural) {
    for (int k = 0; k < neural.length; k++) {
      if (!Double.isFinite(neural[k])) {
        throw new IllegalArgumentException(
            "neural distance of pair " + k + " is " + neural[k] + "; distances must be finite");
      }
    }
  }
}
