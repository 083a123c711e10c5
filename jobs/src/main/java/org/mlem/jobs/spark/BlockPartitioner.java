package org.mlem.jobs.spark;

import org.apache.spark.Partitioner;

/**
 * Sends a record keyed by block number to the partition of the cached blocks that holds that
 * block, so the shipped rows meet their home block in a zipped partition.
 */
final class BlockPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int[] partitionOfBlock;
  private final int partitions;

  BlockPartitioner(int[] partitionOfBlock, int partitions) {
    this.partitionOfBlock = partitionOfBlock;
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    return partitionOfBlock[(Integer) key];
  }
}
