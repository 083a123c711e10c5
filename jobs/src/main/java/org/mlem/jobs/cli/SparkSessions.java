package org.mlem.jobs.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the job's SparkSession. The master is {@code --master}, else spark-submit's, else
 * {@code local[*]}; every other Spark setting comes from spark-defaults / {@code --conf}. Only
 * when the master is local and nothing else is set, the driver binds to 127.0.0.1 and the
 * Spark UI is off. When run
 * from the shaded jar against a cluster without spark-submit, the jar is shipped to executors
 * ({@code spark.jars}) unless set.
 */
final class SparkSessions {
  private static volatile boolean used;

  private SparkSessions() {}

  /**
   * Whether this process asked for a Spark session: an in-process run never loads Spark's
   * classes, and the interruption handler must not load them (seconds on a busy machine).
   */
  static boolean used() {
    return used;
  }

  /**
   * A session for the job, and whether the job owns it (stops it at the end). An already
   * running session (e.g. a test's) is reused and not stopped.
   */
  static Started start(String master, String appName) {
    return start(master, appName, false, null);
  }

  /**
   * A session as {@link #start(String, String)}, with Spark's INFO logs when {@code verbose},
   * and the Spark UI's address printed once on {@code console} (when not null) if the UI is on.
   * Locally the UI is off unless {@code spark.ui.enabled} is set (e.g.
   * {@code MLEM_JAVA_OPTS=-Dspark.ui.enabled=true}): a local fit is short, and a busy port
   * 4040 would only print warnings.
   */
  static Started start(String master, String appName, boolean verbose, PrintWriter console) {
    used = true;
    if (verbose) {
      ConsoleLogging.verbose();
    }
    SparkSession existing = SparkSession.getDefaultSession().isDefined()
        ? SparkSession.getDefaultSession().get() : null;
    if (existing != null) {
      return new Started(existing, false);
    }
    SparkConf conf = new SparkConf();
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(appName);
    }
    String resolved = conf.get("spark.master");
    if (resolved.startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    if (!resolved.startsWith("local[") && !resolved.equals("local") && !conf.contains("spark.jars")) {
      String jar = ownJar();
      if (jar != null) {
        conf.set("spark.jars", jar);
      }
    }
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    scala.Option<String> ui = session.sparkContext().uiWebUrl();
    if (console != null && ui.isDefined()) {
      console.println("Spark UI: " + ui.get());
      console.flush();
    }
    return new Started(session, true);
  }

  private static String ownJar() {
    try {
      Path p = Path.of(MlemCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toString().endsWith(".jar") ? p.toString() : null;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }

  /**
   * A local sweep's session, started only when a part of the sweep asks for it
   * ({@link org.mlem.jobs.sweep.SweepSession#lazy}), as {@link #start} would start it; closing
   * stops it if it was started here.
   */
  static final class OnDemand implements AutoCloseable {
    private final java.util.concurrent.atomic.AtomicReference<Started> started =
        new java.util.concurrent.atomic.AtomicReference<>();
    private final org.mlem.jobs.sweep.SweepSession session;

    OnDemand(String master, String appName, boolean verbose, PrintWriter console) {
      session = org.mlem.jobs.sweep.SweepSession.lazy(
          org.mlem.jobs.fit.Engine.localMaster(master), () -> {
            Started s = start(master, appName, verbose, console);
            started.set(s);
            return s.session();
          });
    }

    org.mlem.jobs.sweep.SweepSession session() {
      return session;
    }

    @Override
    public void close() {
      Started s = started.get();
      if (s != null) {
        s.close();
      }
    }
  }

  /** A session and whether to stop it when done. */
  record Started(SparkSession session, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        session.stop();
      }
    }
  }
}
