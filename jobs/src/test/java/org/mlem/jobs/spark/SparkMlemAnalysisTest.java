package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.testing.SparkTestSession;

/** A whole analysis through Spark equals the core engine in-process, bit for bit. */
class SparkMlemAnalysisTest {
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static SparkTestData data;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "SparkMlemAnalysisTest");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    data = SparkTestData.generate(5);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void trainTestAnalysisEqualsTheInProcessEngine() {
    MlemConfig config = SparkTestData.quickConfig(21).build();
    MlemAnalysis expected = Mlem.with(config).analyze(data.features, data.distances);
    MlemAnalysis actual;
    try (SparkPairSourceFactory sources =
        new SparkPairSourceFactory(jsc, data.features, data.distances, 3)) {
      actual = Mlem.with(config).analyze(data.features, sources, TrainingProgress.NONE,
          data.distances.size());
    }
    assertEquals(30, expected.folds().get(0).metric().steps(), "30 steps were trained");
    assertTrue(expected.folds().get(0).importance().isPresent());
    AnalysisAssertions.assertSameAnalysis(expected, actual);
  }

  @Test
  void foldsShareOneFactoryAndEqualTheInProcessEngine() {
    MlemConfig config = SparkTestData.quickConfig(8).folds(2).maxSteps(12).permutations(2)
        .build();
    MlemAnalysis expected = Mlem.with(config).analyze(data.features, data.distances);
    MlemAnalysis actual;
    try (SparkPairSourceFactory sources =
        new SparkPairSourceFactory(jsc, data.features, data.distances, 0)) {
      actual = Mlem.with(config).analyze(data.features, sources, TrainingProgress.NONE,
          data.distances.size());
    }
    assertEquals(2, actual.folds().size());
    AnalysisAssertions.assertSameAnalysis(expected, actual);
  }

  @Test
  void bothImportanceKindsEqualTheInProcessEngineOnOneAndTwoThreads() {
    for (ImportanceKind kind : ImportanceKind.values()) {
      MlemConfig config = SparkTestData.quickConfig(13).maxSteps(10).importance(kind).build();
      MlemAnalysis oneThread = Mlem.with(config.toBuilder().threads(1).build())
          .analyze(data.features, data.distances);
      MlemAnalysis twoThreads = Mlem.with(config).analyze(data.features, data.distances);
      MlemAnalysis spark;
      try (SparkPairSourceFactory sources =
          new SparkPairSourceFactory(jsc, data.features, data.distances, 3)) {
        spark = Mlem.with(config).analyze(data.features, sources, TrainingProgress.NONE,
            data.distances.size());
      }
      assertEquals(kind, spark.folds().get(0).importance().orElseThrow().kind());
      AnalysisAssertions.assertSameAnalysis(oneThread, twoThreads);
      AnalysisAssertions.assertSameAnalysis(oneThread, spark);
    }
    assertEquals(ImportanceKind.STIMULUS, SparkTestData.quickConfig(1).build().importance(),
        "stimulus-level importance is the default");
  }
}
