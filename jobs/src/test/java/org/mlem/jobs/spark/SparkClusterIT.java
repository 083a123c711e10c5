package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * On a multi-process cluster ({@code local-cluster[2,1,1024]}, executors in other JVMs that
 * get our classes from the shaded jar) the analysis is bit-identical to {@code local[1]}, also
 * when one task attempt fails and is retried. The two sessions run one after the other.
 */
class SparkClusterIT {
  @TempDir
  Path dir;

  @Test
  void clusterRunsEqualLocalOneBitForBitEvenWithARetriedTask()
      throws IOException, InterruptedException {
    SparkTestData data = SparkTestData.generate(11);
    MlemConfig config = SparkTestData.quickConfig(44).build();

    MlemAnalysis local;
    SparkSession localSession = SparkTestSession.local(1, "SparkClusterIT-local1");
    try {
      local = analyze(localSession, data, config, 0);
    } finally {
      localSession.stop();
    }
    AnalysisAssertions.assertSameAnalysis(
        Mlem.with(config).analyze(data.features, data.distances), local);

    Path marker = dir.resolve("fail-once");
    SparkSession cluster = ClusterTestSupport.localCluster("SparkClusterIT-cluster")
        .config("spark.task.maxFailures", "4")
        .config(FailOnceHook.CONF_KEY, marker.toString())
        .getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(cluster.sparkContext());
      assertEquals(ClusterTestSupport.MASTER, jsc.master());
      JobRecorder recorder = new JobRecorder();
      jsc.sc().addSparkListener(recorder);

      AnalysisAssertions.assertSameAnalysis(local, analyze(cluster, data, config, 3));
      assertEquals(0, recorder.failedTasks(), "no marker, no failure");

      Files.createFile(marker);
      MlemAnalysis retried = analyze(cluster, data, config, 3);
      assertFalse(Files.exists(marker), "the fail-once marker was consumed by an executor");
      JobRecorder.await(() -> recorder.failedTasks() > 0);
      assertEquals(1, recorder.failedTasks(), "exactly one task attempt failed");
      assertTrue(retried.folds().get(0).importance().isPresent());
      AnalysisAssertions.assertSameAnalysis(local, retried);
    } finally {
      ClusterTestSupport.stop(cluster);
    }
  }

  private static MlemAnalysis analyze(
      SparkSession session, SparkTestData data, MlemConfig config, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    try (SparkPairSourceFactory sources =
        new SparkPairSourceFactory(jsc, data.features, data.distances, partitions)) {
      return Mlem.with(config).analyze(data.features, sources, TrainingProgress.NONE,
          data.distances.size());
    }
  }
}
