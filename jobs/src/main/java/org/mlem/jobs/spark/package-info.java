/**
 * Distribution on Spark: pair sources whose batches and permutation-importance rounds are
 * computed by executor tasks, every value derived from the seed and its position so results do
 * not depend on the master, the partitioning or task retries.
 */
package org.mlem.jobs.spark;
