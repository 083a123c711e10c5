/**
 * Distribution on Spark: pair sources whose batches and permutation-importance rounds are
 * computed by executor tasks, every value derived from the seed and its position so results do
 * not depend on the master, the partitioning or task retries.
 *
 * <p>{@link org.mlem.jobs.spark.SparkPairSourceFactory} broadcasts the encoded features and the
 * neural distances once (broadcast placement) and opens a
 * {@link org.mlem.jobs.spark.SparkPairSource} per split. A call for a chunk of batches is one Spark job cut by
 * {@link org.mlem.jobs.spark.BatchSlicing}; permutation rounds are one job with a task per
 * round. Tasks only call core ({@code PairSampler}, {@code PairBatches},
 * {@code PermutationImportance}): no maths lives here, which is what keeps Spark results
 * bit-identical to the in-process engine.
 *
 * <p>Partitioned placement, for representations beyond the broadcast budget
 * ({@link org.mlem.jobs.spark.Placement}): the rows live in cached
 * {@link org.mlem.jobs.spark.RepresentationBlocks} (block b = rows [b*S, (b+1)*S), ~32 MB by
 * default); {@link org.mlem.jobs.spark.PartitionedPairSourceFactory} opens
 * {@link org.mlem.jobs.spark.PartitionedPairSource}s whose driver draws the pairs and computes
 * the feature distances, and whose one job per call ships each block pair only the rows it
 * needs and computes the distances with core's {@code RepresentationDistances}, bit-identical
 * to the broadcast placement. Importance rounds fetch their batches the same way and run on the
 * driver. Precomputed RDMs are always broadcast.
 */
package org.mlem.jobs.spark;
