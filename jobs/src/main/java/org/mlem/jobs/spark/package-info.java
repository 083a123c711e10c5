/**
 * Distribution on Spark: pair sources whose batches and permutation-importance rounds are
 * computed by executor tasks, every value derived from the seed and its position so results do
 * not depend on the master, the partitioning or task retries.
 *
 * <p>{@link org.mlem.jobs.spark.SparkPairSourceFactory} broadcasts the encoded features and the
 * neural distances once (broadcast placement; a block-partitioned placement for data too large
 * to broadcast is a later addition) and opens a {@link org.mlem.jobs.spark.SparkPairSource} per
 * split. A call for a chunk of batches is one Spark job cut by
 * {@link org.mlem.jobs.spark.BatchSlicing}; permutation rounds are one job with a task per
 * round. Tasks only call core ({@code PairSampler}, {@code PairBatches},
 * {@code PermutationImportance}): no maths lives here, which is what keeps Spark results
 * bit-identical to the in-process engine.
 */
package org.mlem.jobs.spark;
