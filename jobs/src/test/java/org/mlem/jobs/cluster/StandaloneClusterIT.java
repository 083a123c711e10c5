package org.mlem.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SimulationStudy;

/**
 * {@code mlem fit} through spark-submit on the standalone cluster of
 * {@code submit-scripts/local-cluster} (master and two one-core workers on 127.0.0.1, Spark's
 * jars from the Maven build): the launchers run exactly as the README's "running on a cluster"
 * shows, {@code submit-scripts/mlem-submit} with SPARK_HOME=jobs/target/spark-home (whose
 * bin/spark-submit, linked by the launchers, runs org.apache.spark.deploy.SparkSubmit from its
 * jars). Client and cluster deploy mode, and a client-mode fit whose executor JVMs are killed
 * (kill -9) once mid-training and once mid-importance, all give W, importances, scores and the
 * training history bit for bit equal to {@code submit-scripts/mlem fit --master local[1]}.
 */
class StandaloneClusterIT {
  private static final Duration FIT_TIMEOUT = Duration.ofMinutes(8);

  @TempDir static Path tmp;

  private static ScriptsCluster cluster;
  private static Path data;
  private static Map<String, String> reference;

  /** The fit's options after {@code fit}, the same for every run. */
  private static List<String> fit(String out) {
    return List.of("fit", "--features", data.resolve("features.csv").toString(),
        "--representations", data.resolve("representations.csv").toString(), "--out", out,
        "--seed", "3", "--max-steps", "30", "--patience", "30", "--batch-size", "400",
        "--permutations", "3", "--partitions", "2");
  }

  @BeforeAll
  static void startClusterAndFitLocalOne() throws IOException, InterruptedException {
    data = tmp.resolve("data");
    ClusterData.writeCsv(SimulationStudy.generate(80, 3, 8, 0.5, 21), data);
    cluster = ScriptsCluster.start(tmp.resolve("logs"));
    Path local = tmp.resolve("runs/local1");
    List<String> command = new ArrayList<>(List.of("submit-scripts/mlem"));
    command.addAll(fit(local.toString()));
    command.addAll(List.of("--master", "local[1]"));
    Scripts.Run run = Scripts.run(tmp.resolve("logs/local1.log"), FIT_TIMEOUT, command);
    assertEquals(0, run.code(), run.describe());
    reference = results(local);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void mlemSubmitInClientAndClusterModeEqualsLocalOneBitForBit() {
    for (String mode : List.of("client", "cluster")) {
      Path out = tmp.resolve("runs/" + mode);
      String name = "mlem-it-" + mode;
      List<String> command = new ArrayList<>(List.of("submit-scripts/mlem-submit",
          "--master", ScriptsCluster.MASTER, "--deploy-mode", mode, "--name", name,
          "--driver-memory", "512m", "--executor-memory", "512m", "--"));
      command.addAll(fit(out.toString()));
      Scripts.Run run = Scripts.run(tmp.resolve("logs/" + mode + ".log"), FIT_TIMEOUT, command);
      assertEquals(0, run.code(), run.describe());
      assertTrue(Files.exists(out.resolve("_SUCCESS")), mode + ": no _SUCCESS; " + run.output());
      RunResults.assertSame(reference, results(out), mode + " deploy mode vs local[1]");
      assertTrue(ScriptsCluster.completedApps().contains(name),
          "the master ran application " + name + ": " + ScriptsCluster.completedApps());
    }
    JsonNode drivers = ScriptsCluster.masterState().path("completeddrivers");
    assertEquals(1, drivers.size(), "one driver ran on a worker (cluster mode): " + drivers);
    assertEquals("FINISHED", drivers.get(0).path("state").asText(), drivers.toString());
  }

  @Test
  void executorsKilledMidTrainingAndMidImportanceAreReplacedAndResultsUnchanged()
      throws IOException, InterruptedException {
    Path killDir = Files.createDirectories(tmp.resolve("kill-points"));
    for (String phase : List.of("training", "importance")) {
      Files.createFile(killDir.resolve(phase));
    }
    Path out = tmp.resolve("runs/executor-loss");
    String name = "mlem-it-executor-loss";
    List<String> command = new ArrayList<>(List.of("submit-scripts/mlem-submit",
        "--master", ScriptsCluster.MASTER, "--deploy-mode", "client", "--name", name,
        "--driver-memory", "512m", "--executor-memory", "512m",
        "--conf", "spark.plugins=" + KillPointPlugin.class.getName(),
        "--driver-class-path", testClasses().toString(),
        "--conf", "spark.executor.extraClassPath=" + testClasses(),
        "--conf", KillPointPlugin.DIR_KEY + "=" + killDir, "--"));
    command.addAll(fit(out.toString()));
    Path log = tmp.resolve("logs/executor-loss.log");
    Process fit = Scripts.start(log, Map.of(), command);
    try {
      Set<String> killed = new TreeSet<>();
      for (String phase : List.of("training", "importance")) {
        String[] held = awaitPidFile(killDir.resolve(phase + ".pid"), fit, log);
        long pid = Long.parseLong(held[0]);
        String executor = held[1];
        String app = held[2];
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(
            () -> new AssertionError("executor " + executor + " (pid " + pid + ") is gone"));
        assertTrue(jvm.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"),
            "pid " + pid + " is an executor JVM: " + jvm.info().commandLine());
        assertTrue(jvm.destroyForcibly(), "SIGKILL sent to " + pid); // kill -9
        jvm.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(jvm.isAlive(), "executor " + executor + " died");
        killed.add(executor);
        awaitReplacement(app, killed, phase);
      }
      assertTrue(fit.waitFor(FIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "fit timed out");
      assertEquals(0, fit.exitValue(), Scripts.read(log));
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the killed executor did not exit", e);
    } finally {
      fit.destroyForcibly();
    }
    RunResults.assertSame(reference, results(out), "executors killed vs local[1]");
  }

  /**
   * Issue 11's determinism: a searchlight of 199 spheres (one fit each, as Spark tasks) on
   * local[1], on {@code local-cluster[2,1,1024]} (two executor JVMs) where the first attempt of
   * one task in every wave fails and is retried, and on this standalone cluster, where the
   * executor running one wave's task is killed (kill -9) and the task rerun elsewhere, writes the
   * same table and the same NIfTI maps, byte for byte. (local[2] against local[1] is
   * SmallFitsTest's and SearchlightJobTest's.)
   */
  @Test
  void aSearchlightWithFailedTasksAndAKilledExecutorEqualsLocalOneByteForByte()
      throws IOException, InterruptedException {
    Path in = tmp.resolve("searchlight-data");
    org.mlem.jobs.searchlight.SearchlightFixtures.write(in, new int[] {8, 5, 5});
    Path localOut = tmp.resolve("runs/searchlight-local1");
    List<String> local = new ArrayList<>(List.of("submit-scripts/mlem"));
    local.addAll(searchlight(in, localOut));
    local.addAll(List.of("--master", "local[1]"));
    Scripts.Run run = Scripts.run(tmp.resolve("logs/searchlight-local1.log"), FIT_TIMEOUT,
        local);
    assertEquals(0, run.code(), run.describe());
    Map<String, byte[]> reference = searchlightOutputs(localOut);

    Path clusterOut = tmp.resolve("runs/searchlight-local-cluster");
    List<String> localCluster = new ArrayList<>(List.of("submit-scripts/mlem-submit",
        "--master", "local-cluster[2,1,1024]", "--driver-memory", "512m",
        "--executor-memory", "512m", "--conf", "spark.task.maxFailures=4",
        "--conf", org.mlem.jobs.tasks.SmallFits.FAIL_FIRST_ATTEMPT + "=1", "--"));
    localCluster.addAll(searchlight(in, clusterOut));
    run = Scripts.run(tmp.resolve("logs/searchlight-local-cluster.log"), FIT_TIMEOUT,
        localCluster);
    assertEquals(0, run.code(), run.describe());
    assertTrue(run.output().contains("injected failure of the first attempt of partition 1"),
        "a task attempt failed and was retried: " + run.describe());
    assertSameBytes(reference, searchlightOutputs(clusterOut),
        "local-cluster[2,1,1024] with failed task attempts vs local[1]");

    Path killDir = Files.createDirectories(tmp.resolve("kill-points-searchlight"));
    Files.createFile(killDir.resolve("searchlight"));
    Path out = tmp.resolve("runs/searchlight-cluster");
    String name = "mlem-it-searchlight";
    List<String> command = new ArrayList<>(List.of("submit-scripts/mlem-submit",
        "--master", ScriptsCluster.MASTER, "--deploy-mode", "client", "--name", name,
        "--driver-memory", "512m", "--executor-memory", "512m",
        "--conf", "spark.plugins=" + KillPointPlugin.class.getName(),
        "--driver-class-path", testClasses().toString(),
        "--conf", "spark.executor.extraClassPath=" + testClasses(),
        "--conf", KillPointPlugin.DIR_KEY + "=" + killDir, "--"));
    command.addAll(searchlight(in, out));
    Path log = tmp.resolve("logs/searchlight-cluster.log");
    Process job = Scripts.start(log, Map.of(), command);
    try {
      String[] held = awaitPidFile(killDir.resolve("searchlight.pid"), job, log);
      ProcessHandle jvm = ProcessHandle.of(Long.parseLong(held[0])).orElseThrow();
      assertTrue(jvm.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"),
          "an executor JVM: " + jvm.info().commandLine());
      assertTrue(jvm.destroyForcibly());
      jvm.onExit().get(30, TimeUnit.SECONDS);
      awaitReplacement(held[2], new TreeSet<>(Set.of(held[1])), "searchlight");
      assertTrue(job.waitFor(FIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "timed out");
      assertEquals(0, job.exitValue(), Scripts.read(log));
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the killed executor did not exit", e);
    } finally {
      job.destroyForcibly();
    }
    assertSameBytes(reference, searchlightOutputs(out), "cluster with a killed executor vs"
        + " local[1]");
  }

  /**
   * Issue 11's small sets as Spark tasks: a sweep of two layers on this cluster, where
   * {@code --set-placement auto} fits each (small) set whole inside one task on an executor,
   * which writes its run directory, gives every set's results bit for bit as a sweep on
   * local[1] (the sets driven from the driver), and run.json says "task".
   */
  @Test
  void aSweepsSmallSetsFittedInClusterTasksEqualLocalOne() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("sweep-data/layers"));
    for (int k = 1; k <= 2; k++) {
      Files.write(in.resolve("layer=" + k + ".npy"), ClusterData.representationsNpy(
          SimulationStudy.generate(80, 3, 8, 0.5 * k, 21)));
    }
    List<String> sweep = List.of("sweep", "--features", data.resolve("features.csv").toString(),
        "--representations", in + "/*.npy", "--seed", "3", "--max-steps", "20", "--patience",
        "20", "--batch-size", "400", "--permutations", "2", "--no-report");
    Path local = tmp.resolve("runs/sweep-local1");
    List<String> command = new ArrayList<>(List.of("submit-scripts/mlem"));
    command.addAll(sweep);
    command.addAll(List.of("--out", local.toString(), "--master", "local[1]"));
    Scripts.Run run = Scripts.run(tmp.resolve("logs/sweep-local1.log"), FIT_TIMEOUT, command);
    assertEquals(0, run.code(), run.describe());
    Path remote = tmp.resolve("runs/sweep-cluster");
    command = new ArrayList<>(List.of("submit-scripts/mlem-submit", "--master",
        ScriptsCluster.MASTER, "--deploy-mode", "client", "--name", "mlem-it-sweep",
        "--driver-memory", "512m", "--executor-memory", "512m", "--"));
    command.addAll(sweep);
    command.addAll(List.of("--out", remote.toString()));
    run = Scripts.run(tmp.resolve("logs/sweep-cluster.log"), FIT_TIMEOUT, command);
    assertEquals(0, run.code(), run.describe());
    for (String set : List.of("layer=1", "layer=2")) {
      RunResults.assertSame(results(local.resolve("runs/" + set)),
          results(remote.resolve("runs/" + set)), "set " + set + " in a cluster task vs local[1]");
      String json = Files.readString(remote.resolve("runs/" + set + "/run.json"));
      assertTrue(json.contains("\"placement\" : \"task\""), json);
    }
  }

  private static List<String> searchlight(Path in, Path out) {
    return List.of("searchlight", "--features", in.resolve("features.csv").toString(),
        "--representations", in.resolve("betas.nii.gz").toString(), "--mask",
        in.resolve("mask.nii.gz").toString(), "--out", out.toString(), "--radius", "1vox",
        "--min-voxels", "3", "--seed", "4", "--max-steps", "25", "--patience", "25",
        "--permutations", "2", "--no-report");
  }

  /** searchlight.csv and every map, by name. */
  private static Map<String, byte[]> searchlightOutputs(Path out) throws IOException {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    files.put("searchlight.csv", Files.readAllBytes(out.resolve("searchlight.csv")));
    try (java.util.stream.Stream<Path> maps = Files.list(out.resolve("maps"))) {
      for (Path m : maps.toList()) {
        files.put("maps/" + m.getFileName(), Files.readAllBytes(m));
      }
    }
    assertTrue(files.size() >= 4, files.keySet().toString());
    return files;
  }

  private static void assertSameBytes(Map<String, byte[]> expected, Map<String, byte[]> actual,
      String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    for (String file : expected.keySet()) {
      assertTrue(java.util.Arrays.equals(expected.get(file), actual.get(file)),
          what + ": " + file + " differs");
    }
  }

  /** Waits for the kill-point plugin's pid file: {pid, executor id, app id}. */
  private static String[] awaitPidFile(Path file, Process fit, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + FIT_TIMEOUT.toNanos();
    while (!Files.exists(file)) {
      if (!fit.isAlive()) {
        fail("the fit ended before a task reached " + file + ":\n" + Scripts.read(log));
      }
      if (System.nanoTime() > deadline) {
        fail("no task reached " + file + " in time:\n" + Scripts.read(log));
      }
      Thread.sleep(100);
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
  }

  /**
   * Waits until the workers (their /json/ state) list every killed executor of {@code app} as
   * finished and the app has been given a new executor for each: 2 + killed distinct ids.
   */
  private static void awaitReplacement(String app, Set<String> killed, String phase)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Set<String> all = new TreeSet<>();
    Set<String> finished = new TreeSet<>();
    while (System.nanoTime() < deadline) {
      all.clear();
      finished.clear();
      for (int port : List.of(8081, 8082)) {
        JsonNode worker = ScriptsCluster.getJson(URI.create("http://127.0.0.1:" + port + "/json/"));
        if (worker == null) {
          continue;
        }
        for (String list : List.of("executors", "finishedexecutors")) {
          for (JsonNode e : worker.path(list)) {
            if (app.equals(e.path("appid").asText())) {
              all.add(e.path("id").asText());
              if (list.equals("finishedexecutors")) {
                finished.add(e.path("id").asText());
              }
            }
          }
        }
      }
      if (finished.containsAll(killed) && all.size() >= 2 + killed.size()) {
        return;
      }
      Thread.sleep(200);
    }
    fail("after the kill mid-" + phase + ", the workers list executors " + all + " of " + app
        + " (finished " + finished + "); expected the killed " + killed
        + " finished and a replacement for each");
  }

  private static Map<String, String> results(Path run) {
    return RunResults.of(name -> {
      try {
        return Files.readString(run.resolve(name), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The directory holding this test's classes (the executors load the plugin from it). */
  private static Path testClasses() {
    try {
      return Path.of(KillPointPlugin.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
