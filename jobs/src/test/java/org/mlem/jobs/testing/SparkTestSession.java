package org.mlem.jobs.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one way tests start Spark: {@code local[N]}, bound to loopback, no UI, few shuffle
 * partitions. One session per test class (start in {@code @BeforeAll}, stop in
 * {@code @AfterAll}).
 */
public final class SparkTestSession {
  private SparkTestSession() {}

  /** A local session with the given number of threads. */
  public static SparkSession local(int threads, String appName) {
    return builder("local[" + threads + "]", appName).getOrCreate();
  }

  /** A builder for the given master with the loopback and test settings applied. */
  public static SparkSession.Builder builder(String master, String appName) {
    return SparkSession.builder()
        .master(master)
        .appName(appName)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC");
  }
}
