package org.mlem.jobs.io;

import org.apache.spark.sql.SparkSession;

/**
 * Reads and validates the feature table and one representation set through Spark/Hadoop (any
 * filesystem URI), joins them by id, and encodes the features. Every problem is an
 * {@link InputException} naming the file, column, row or id.
 */
public final class InputLoader {
  private InputLoader() {}

  /** Loads both inputs; see the class comment. */
  public static LoadedInputs load(
      SparkSession spark, FeatureInput features, RepresentationInput representations) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
