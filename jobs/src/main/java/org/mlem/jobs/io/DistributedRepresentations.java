package org.mlem.jobs.io;

import org.apache.spark.api.java.JavaPairRDD;
import org.mlem.core.distance.Representations;

/**
 * A validated representation set for the partitioned placement, aligned to the feature table:
 * either distributed rows keyed by feature-table row (Parquet/CSV, read and joined by Spark; the
 * driver never holds the matrix) or, for .npy/HDF5, representations read on the driver (in the
 * features' order). Close to drop the intermediate cached data once the rows are consumed.
 */
public final class DistributedRepresentations implements AutoCloseable {
  private final JavaPairRDD<Integer, float[]> rows;
  private final Representations local;
  private final int stimuli;
  private final int dims;
  private final Runnable release;

  DistributedRepresentations(JavaPairRDD<Integer, float[]> rows, Representations local,
      int stimuli, int dims, Runnable release) {
    this.rows = rows;
    this.local = local;
    this.stimuli = stimuli;
    this.dims = dims;
    this.release = release;
  }

  /** The rows keyed by feature-table row (every row in [0, n) once), or null when local. */
  public JavaPairRDD<Integer, float[]> rows() {
    return rows;
  }

  /** The representations read on the driver (.npy/HDF5), or null when distributed. */
  public Representations local() {
    return local;
  }

  /** n, the number of stimuli (the feature table's). */
  public int stimuli() {
    return stimuli;
  }

  /** D. */
  public int dims() {
    return dims;
  }

  /** Drops the data cached while validating. */
  @Override
  public void close() {
    release.run();
  }
}
