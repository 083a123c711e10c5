package org.mlem.core.api;

import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.PairSource;

/**
 * Opens a {@link PairSource} for one split of the stimuli. {@link Mlem} uses an in-process
 * factory by default; the Spark module supplies one whose batches are computed on executors.
 */
@FunctionalInterface
public interface PairSourceFactory {
  /**
   * @param split training and held-out stimuli
   * @param seed the seed of this split's pair draws
   */
  PairSource open(StimulusSplit split, long seed);
}
