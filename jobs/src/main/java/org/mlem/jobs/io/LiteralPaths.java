package org.mlem.jobs.io;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;

/**
 * Spark readers that take a path literally. Spark's file sources expand Hadoop globs in the
 * paths they are given ({@code *?[]{}\}), so {@code d/roi[1].csv} would read {@code d/roi1.csv}
 * and a run directory named {@code l*} would read every {@code l...} directory. Every path the
 * jobs hand to Spark comes from a user or from data (set names), so every read goes through
 * {@link #read}: Spark's {@code __globPaths__} source option set to false makes it qualify the
 * path and check that it exists without globbing (the same option Spark's own CSV/JSON schema
 * inference uses on the files it listed). A directory is still listed as usual.
 */
public final class LiteralPaths {
  /** Spark's DataSource option (DataSource.GLOB_PATHS_KEY) that turns globbing off. */
  static final String GLOB_PATHS = "__globPaths__";

  private LiteralPaths() {}

  /** {@code spark.read()} with globbing off: the paths given to it are read as written. */
  public static DataFrameReader read(SparkSession spark) {
    return spark.read().option(GLOB_PATHS, "false");
  }
}
