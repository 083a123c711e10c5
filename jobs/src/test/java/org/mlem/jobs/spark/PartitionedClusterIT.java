package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;

/**
 * On {@code local-cluster[2,1,1024]} (blocks cached in two executor JVMs, rows shuffled between
 * them) the partitioned placement with 7-row blocks gives the same W, history, scores and
 * importances as the broadcast placement and the in-process engine, bit for bit, also when one
 * block task attempt fails and is retried.
 */
class PartitionedClusterIT {
  @TempDir
  Path dir;

  @Test
  void partitionedEqualsBroadcastOnAClusterBitForBitEvenWithARetriedTask()
      throws IOException, InterruptedException {
    PartitionedTestData data = PartitionedTestData.generate(13);
    MlemConfig config = PartitionedTestData.config(31);
    MlemAnalysis core = Mlem.with(config).analyze(data.features,
        new RepresentationDistances(data.representations, NeuralDistance.EUCLIDEAN));

    Path marker = dir.resolve("fail-once");
    SparkSession cluster = ClusterTestSupport.localCluster("PartitionedClusterIT")
        .config("spark.task.maxFailures", "4")
        .config(FailOnceHook.CONF_KEY, marker.toString())
        .getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(cluster.sparkContext());
      assertEquals(ClusterTestSupport.MASTER, jsc.master());
      JobRecorder recorder = new JobRecorder();
      jsc.sc().addSparkListener(recorder);

      MlemAnalysis broadcast = data.broadcast(jsc, config, NeuralDistance.EUCLIDEAN);
      AnalysisAssertions.assertSameAnalysis(core, broadcast);
      MlemAnalysis partitioned = data.partitioned(jsc, config, NeuralDistance.EUCLIDEAN,
          PartitionedTestData.BLOCK_ROWS);
      AnalysisAssertions.assertSameAnalysis(broadcast, partitioned);
      assertEquals(0, recorder.failedTasks(), "no marker, no failure");

      Files.createFile(marker);
      MlemAnalysis retried = data.partitioned(jsc, config, NeuralDistance.EUCLIDEAN,
          PartitionedTestData.BLOCK_ROWS);
      assertFalse(Files.exists(marker), "the fail-once marker was consumed by an executor");
      JobRecorder.await(() -> recorder.failedTasks() > 0);
      assertEquals(1, recorder.failedTasks(), "exactly one task attempt failed");
      AnalysisAssertions.assertSameAnalysis(broadcast, retried);
    } finally {
      ClusterTestSupport.stop(cluster);
    }
  }
}
