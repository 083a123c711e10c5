/**
 * Randomness by position, pair sampling and stimulus splits (docs/method.md section 6).
 *
 * <p>Lives here: {@link org.mlem.core.pairs.PositionalRandom} (stateless SplitMix64-style
 * hashing of a seed and a position), {@link org.mlem.core.pairs.PairSampler} (uniform unordered
 * pairs {i, j}, i != j, or the full RDM when the batch covers every pair),
 * {@link org.mlem.core.pairs.Splits} (train/test and k-fold splits over stimuli) and
 * {@link org.mlem.core.pairs.SeededPermutation}. Every draw is a pure function of the run seed
 * and a position (step, batch, pair, permutation), so results do not depend on how work is split
 * across threads, partitions or executors.
 *
 * <p>Must not live here: mutable or shared random generators ({@code java.util.Random},
 * {@code ThreadLocalRandom}), feature or distance computations, anything Spark-specific.
 */
package org.mlem.core.pairs;
