package org.mlem.jobs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test session starts on loopback and runs a job. */
class SparkTestSessionTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "smoke");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void runsAJobOnLoopback() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    assertEquals("127.0.0.1", jsc.getConf().get("spark.driver.host"));
    long sum = jsc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> (long) x * x).reduce(Long::sum);
    assertEquals(30L, sum);
  }
}
