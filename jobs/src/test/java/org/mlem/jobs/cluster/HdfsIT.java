package org.mlem.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem fit} and {@code mlem sweep} on a real HDFS: an in-process MiniDFSCluster (one
 * namenode, one datanode, both on 127.0.0.1) of the Hadoop version Spark ships. Features and
 * representations are read from hdfs:// (CSV, Parquet, .npy) with the same results, bit for
 * bit, as from local files; run directories are written there atomically (no temporaries left,
 * _SUCCESS, --overwrite); run.json records HDFS's checksums of the inputs; and a sweep whose
 * JVM is killed (kill -9) after its first set resumes on the rerun, skipping that set, with
 * every set's results and the combined table equal to an uninterrupted local sweep.
 */
class HdfsIT {
  private static final List<String> FIT_OPTIONS = List.of("--seed", "3", "--max-steps", "20",
      "--patience", "20", "--batch-size", "300", "--permutations", "2", "--partitions", "2");
  private static final List<String> SWEEP_OPTIONS = List.of("--seed", "5", "--max-steps", "15",
      "--patience", "15", "--batch-size", "200", "--permutations", "2", "--partitions", "2");

  @TempDir static Path tmp;

  private static MiniDFSCluster hdfs;
  private static FileSystem fs;
  private static String root;
  private static SparkSession spark;

  @BeforeAll
  static void startHdfsAndSpark() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    for (String key : List.of("dfs.namenode.rpc-address", "dfs.namenode.http-address",
        "dfs.namenode.https-address", "dfs.datanode.address", "dfs.datanode.http.address",
        "dfs.datanode.https.address", "dfs.datanode.ipc.address")) {
      conf.set(key, "127.0.0.1:0");
    }
    conf.set("dfs.replication", "1");
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).checkDataNodeAddrConfig(true)
        .build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    spark = SparkTestSession.local(2, "HdfsIT");
  }

  @AfterAll
  static void stop() throws IOException {
    if (spark != null) {
      spark.stop();
    }
    if (fs != null) {
      fs.close();
    }
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  @Test
  void fitsReadFromAndWriteToHdfsWithTheResultsOfLocalFiles() throws IOException {
    SyntheticDataset data = SimulationStudy.generate(60, 3, 8, 0.5, 9);
    Path local = tmp.resolve("local");
    ClusterData.writeCsv(data, local);
    put(ClusterData.featuresCsv(data).getBytes(StandardCharsets.UTF_8), "/data/features.csv");
    put(ClusterData.representationsCsv(data).getBytes(StandardCharsets.UTF_8),
        "/data/representations.csv");
    put(ClusterData.representationsNpy(data), "/data/representations.npy");
    ClusterData.writeRepresentationsParquet(spark, data, root + "/data/representations.parquet");
    spark.read().option("header", "true").option("inferSchema", "true")
        .csv(local.resolve("features.csv").toString()).coalesce(1).write()
        .parquet(root + "/data/features.parquet");

    Path localRun = tmp.resolve("runs/local");
    cliOk(fit(local.resolve("features.csv").toString(),
        local.resolve("representations.csv").toString(), localRun.toString()));
    Map<String, String> reference = RunResults.of(name -> localText(localRun.resolve(name)));

    String[][] inputs = {
        {"/data/features.csv", "/data/representations.parquet"},
        {"/data/features.parquet", "/data/representations.csv"},
        {"/data/features.csv", "/data/representations.npy"}};
    for (int k = 0; k < inputs.length; k++) {
      String out = root + "/runs/fit-" + k;
      cliOk(fit(root + inputs[k][0], root + inputs[k][1], out));
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out + "/_SUCCESS")), out);
      RunResults.assertSame(reference, RunResults.of(name -> hdfsText(out + "/" + name)),
          String.join(" + ", inputs[k]) + " from HDFS vs local files");
      JsonNode run = json(out + "/run.json");
      for (JsonNode input : run.path("inputs")) {
        String uri = input.path("uri").asText();
        assertTrue(uri.startsWith(root + "/data/"), uri);
        assertTrue(input.path("sha256").isNull(), "no second read of a remote file: " + input);
        String checksum = input.path("checksum").asText("");
        String expectedPrefix = uri.endsWith(".parquet") ? "SHA-256-of-MD5-of-" : "MD5-of-";
        assertTrue(checksum.startsWith(expectedPrefix) && checksum.matches(".*:[0-9a-f]{40,}"),
            uri + " has HDFS's checksum: " + input);
      }
    }
    assertEquals(checksumOf(json(root + "/runs/fit-0/run.json"), "features"),
        checksumOf(json(root + "/runs/fit-2/run.json"), "features"),
        "the same file, the same checksum");
    assertEquals(List.of("fit-0", "fit-1", "fit-2"), names("/runs"), "no temporaries left");

    String again = root + "/runs/fit-0";
    cliOk(with(fit(root + inputs[1][0], root + inputs[1][1], again), "--overwrite"));
    RunResults.assertSame(reference, RunResults.of(name -> hdfsText(again + "/" + name)),
        "overwritten on HDFS");
    assertEquals(root + "/data/features.parquet",
        json(again + "/run.json").path("inputs").get(0).path("uri").asText(), "replaced");
    assertEquals(List.of("fit-0", "fit-1", "fit-2"), names("/runs"), "no ._old- left");
  }

  @Test
  void sweepOnHdfsResumesAfterItsJvmIsKilled() throws IOException, InterruptedException {
    Path local = tmp.resolve("sweep-local");
    Files.createDirectories(local);
    Files.writeString(local.resolve("features.csv"), ClusterData.featuresCsv(layer(1)));
    put(ClusterData.featuresCsv(layer(1)).getBytes(StandardCharsets.UTF_8),
        "/sweep-data/features.csv");
    for (int k = 1; k <= 3; k++) {
      ClusterData.writeRepresentationsParquet(spark, layer(k),
          local.resolve("layers/layer=" + k).toString());
      ClusterData.writeRepresentationsParquet(spark, layer(k),
          root + "/sweep-data/layers/layer=" + k);
    }
    Path localOut = tmp.resolve("sweep-local/out");
    cliOk(sweep(local.resolve("features.csv").toString(), local.resolve("layers") + "/layer=*/",
        localOut.toString()));

    String out = root + "/sweep";
    List<String> command = new ArrayList<>(List.of("submit-scripts/mlem"));
    command.addAll(sweep(root + "/sweep-data/features.csv",
        root + "/sweep-data/layers/layer=*/", out));
    Path log = tmp.resolve("logs/killed-sweep.log");
    Process killed = Scripts.start(log, Map.of(), command);
    org.apache.hadoop.fs.Path first = new org.apache.hadoop.fs.Path(out + "/runs/layer=1/_SUCCESS");
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    while (!fs.exists(first)) {
      if (!killed.isAlive() || System.nanoTime() > deadline) {
        killed.destroyForcibly();
        fail("the first set was not written before the sweep ended:\n" + Scripts.read(log));
      }
      Thread.sleep(50);
    }
    killed.destroyForcibly(); // SIGKILL: the launcher execs the JVM
    assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(out + "/_SUCCESS")),
        "a killed sweep has no _SUCCESS: " + Scripts.read(log));
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(out + "/runs/layer=3/_SUCCESS")),
        "the sweep was killed before its last set: " + Scripts.read(log));

    String console = cliOk(sweep(root + "/sweep-data/features.csv",
        root + "/sweep-data/layers/layer=*/", out));
    assertTrue(console.contains("ok (resumed)"), console);
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out + "/_SUCCESS")), console);
    for (String name : names("/sweep/runs")) {
      assertFalse(name.contains("._tmp-") || name.contains("._old-"), "left over: " + name);
    }
    assertEquals(List.of("layer=1", "layer=2", "layer=3"), names("/sweep/runs"));
    for (int k = 1; k <= 3; k++) {
      Path expected = localOut.resolve("runs/layer=" + k);
      String actual = out + "/runs/layer=" + k;
      RunResults.assertSame(RunResults.of(name -> localText(expected.resolve(name))),
          RunResults.of(name -> hdfsText(actual + "/" + name)), "set layer=" + k);
    }
    assertEquals(withoutTimings(localText(localOut.resolve("combined.csv"))),
        withoutTimings(hdfsText(out + "/combined.csv")), "combined table");
    assertEquals(3, spark.read().parquet(out + "/combined").select("set").distinct().count(),
        "the combined Parquet table holds every set");
  }

  /** Layer k of the sweep: the same features, noise 0.3 k. */
  private static SyntheticDataset layer(int k) {
    return SimulationStudy.generate(40, 3, 6, 0.3 * k, 7);
  }

  private static List<String> fit(String features, String representations, String out) {
    List<String> args = new ArrayList<>(List.of("fit", "--features", features,
        "--representations", representations, "--out", out));
    args.addAll(FIT_OPTIONS);
    return args;
  }

  private static List<String> sweep(String features, String pattern, String out) {
    List<String> args = new ArrayList<>(List.of("sweep", "--features", features,
        "--representations", pattern, "--out", out));
    args.addAll(SWEEP_OPTIONS);
    return args;
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  /** Runs the CLI in this JVM (on the test's session) and returns its console output. */
  private static String cliOk(List<String> args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    String out = o.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, String.join(" ", args) + "\n" + out + e.toString(StandardCharsets.UTF_8));
    return out;
  }

  private static void put(byte[] bytes, String path) throws IOException {
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), false)) {
      out.write(bytes);
    }
  }

  private static String hdfsText(String uri) {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String localText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String uri) throws IOException {
    return new ObjectMapper().readTree(hdfsText(uri));
  }

  private static String checksumOf(JsonNode run, String role) {
    for (JsonNode input : run.path("inputs")) {
      if (role.equals(input.path("role").asText())) {
        assertNotNull(input.path("checksum").textValue(), input.toString());
        return input.path("checksum").textValue();
      }
    }
    throw new AssertionError("no " + role + " input in " + run);
  }

  /** The names in an HDFS directory, sorted. */
  private static List<String> names(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path(dir))) {
      names.add(s.getPath().getName());
    }
    names.sort(null);
    return names;
  }

  /** combined.csv without the columns that hold wall-clock times or the set's location. */
  private static String withoutTimings(String csv) {
    List<String> lines = csv.lines().toList();
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<Integer> keep = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      String h = header.get(c);
      if (!h.contains("seconds") && !h.contains("status") && !h.contains("dir")
          && !h.contains("uri") && !h.contains("path")) {
        keep.add(c);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      String[] cells = line.split(",", -1);
      List<String> kept = new ArrayList<>();
      keep.forEach(c -> kept.add(c < cells.length ? cells[c] : ""));
      sb.append(String.join(",", kept)).append('\n');
    }
    return sb.toString();
  }
}
