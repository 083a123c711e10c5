package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * A task that fails once is retried and recomputes exactly what it lost: the analysis is
 * identical. The fail-once hook ({@code spark.mlem.test.failOnceMarker}) makes one attempt fail.
 */
class SparkPairSourceRetryTest {
  /** Local mode ignores spark.task.maxFailures; local[N,F] allows F attempts per task. */
  private static final String RETRYING_LOCAL = "local[2,4]";

  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static JobRecorder recorder;
  private static Path marker;

  @BeforeAll
  static void start() {
    marker = dir.resolve("fail-once");
    spark = SparkTestSession.builder(RETRYING_LOCAL, "SparkPairSourceRetryTest")
        .config("spark.task.maxFailures", "4")
        .config(FailOnceHook.CONF_KEY, marker.toString())
        .getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    recorder = new JobRecorder();
    jsc.sc().addSparkListener(recorder);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aTaskFailingOnceGivesTheIdenticalAnalysis() throws IOException, InterruptedException {
    SparkTestData data = SparkTestData.generate(7);
    MlemConfig config = SparkTestData.quickConfig(33).build();
    MlemAnalysis expected = Mlem.with(config).analyze(data.features, data.distances);
    Files.createFile(marker);
    MlemAnalysis actual;
    try (SparkPairSourceFactory sources =
        new SparkPairSourceFactory(jsc, data.features, data.distances, 2)) {
      actual = Mlem.with(config).analyze(data.features, sources, TrainingProgress.NONE,
          data.distances.size());
    }
    assertFalse(Files.exists(marker), "the fail-once marker was consumed");
    JobRecorder.await(() -> recorder.failedTasks() > 0);
    assertEquals(1, recorder.failedTasks(), "exactly one task attempt failed");
    assertTrue(actual.folds().get(0).importance().isPresent());
    AnalysisAssertions.assertSameAnalysis(expected, actual);
  }
}
