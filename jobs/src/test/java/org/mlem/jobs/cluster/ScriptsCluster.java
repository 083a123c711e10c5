package org.mlem.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The standalone cluster of {@code submit-scripts/local-cluster} (a master on
 * {@value #MASTER}, web UI and JSON state on 127.0.0.1:8080, two workers with one core and
 * 1 GiB each), started with the script and stopped with it; its state is read from the
 * master's {@code /json/} endpoint and the driver's REST API, on loopback only.
 */
final class ScriptsCluster implements AutoCloseable {
  /** The master URL the script prints. */
  static final String MASTER = "spark://127.0.0.1:7077";
  /** The master's state as JSON. */
  static final URI MASTER_JSON = URI.create("http://127.0.0.1:8080/json/");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path logs;

  private ScriptsCluster(Path logs) {
    this.logs = logs;
  }

  /**
   * Runs {@code submit-scripts/local-cluster start} and waits until both workers are ALIVE.
   *
   * @throws IllegalStateException if port 7077 is taken before the start, or the cluster does
   *     not come up within a minute
   */
  static ScriptsCluster start(Path logs) throws InterruptedException {
    if (listening(7077)) {
      throw new IllegalStateException("port 7077 on 127.0.0.1 is already taken; stop the other"
          + " cluster (submit-scripts/local-cluster stop) before running this test");
    }
    ScriptsCluster cluster = new ScriptsCluster(logs);
    Scripts.Run run = Scripts.run(logs.resolve("local-cluster-start.log"), Duration.ofMinutes(2),
        List.of("submit-scripts/local-cluster", "start"));
    if (run.code() != 0) {
      cluster.close();
      throw new IllegalStateException(run.describe());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (aliveWorkers() < 2) {
      if (System.nanoTime() > deadline) {
        cluster.close();
        throw new IllegalStateException("the workers did not register within 180 s; see "
            + Scripts.root().resolve("target/local-cluster"));
      }
      Thread.sleep(250);
    }
    return cluster;
  }

  /** The master's state, or null while it does not answer. */
  static JsonNode masterState() {
    return getJson(MASTER_JSON);
  }

  /** Workers the master lists as ALIVE (0 while it does not answer). */
  static int aliveWorkers() {
    JsonNode state = masterState();
    if (state == null) {
      return 0;
    }
    int alive = 0;
    for (JsonNode w : state.path("workers")) {
      alive += "ALIVE".equals(w.path("state").asText()) ? 1 : 0;
    }
    return alive;
  }

  /** The names of the master's completed applications. */
  static List<String> completedApps() {
    JsonNode state = masterState();
    if (state == null) {
      return List.of();
    }
    List<String> names = new java.util.ArrayList<>();
    state.path("completedapps").forEach(a -> names.add(a.path("name").asText()));
    return names;
  }

  /** GETs a JSON document from a loopback URL; null when nothing answers (yet). */
  static JsonNode getJson(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      try (InputStream in = c.getInputStream()) {
        return JSON.readTree(in);
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether something listens on 127.0.0.1:port. */
  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code submit-scripts/local-cluster stop} (which waits for the processes to exit). */
  @Override
  public void close() {
    Scripts.Run run = Scripts.run(logs.resolve("local-cluster-stop.log"), Duration.ofMinutes(1),
        List.of("submit-scripts/local-cluster", "stop"));
    if (run.code() != 0) {
      throw new UncheckedIOException(new IOException(run.describe()));
    }
  }
}
