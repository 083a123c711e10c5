package org.mlem.jobs.sweep;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a sweep, started only when a part of the sweep needs it. A local sweep
 * whose sets are all read and fitted in process (the usual case for layers in .npy, HDF5,
 * archives or plain Parquet files) never starts Spark, which saves its start-up and shutdown
 * (seconds) and loading its classes; a set that needs Spark (a partitioned table, inputs over
 * the budget, placement task) starts it then. On a cluster master the session is started up
 * front ({@link #of}).
 *
 * <p>Without a session the Hadoop configuration is Spark's: a new {@link Configuration} with the
 * {@code spark.hadoop.*} settings spark-submit passes as system properties.
 */
public final class SweepSession {
  private final String master;
  private final Configuration conf;
  private final Supplier<SparkSession> starter;
  private volatile SparkSession session;

  private SweepSession(String master, Configuration conf, Supplier<SparkSession> starter,
      SparkSession session) {
    this.master = master;
    this.conf = conf;
    this.starter = starter;
    this.session = session;
  }

  /** A running session. */
  public static SweepSession of(SparkSession spark) {
    return new SweepSession(spark.sparkContext().master(),
        spark.sparkContext().hadoopConfiguration(), null, spark);
  }

  /**
   * A session started by {@code starter} the first time it is needed.
   *
   * @param master the master the session will have ({@code --master}, else spark-submit's,
   *     else {@code local[*]})
   */
  public static SweepSession lazy(String master, Supplier<SparkSession> starter) {
    Configuration conf = new Configuration();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.startsWith("spark.hadoop.")) {
        conf.set(key.substring("spark.hadoop.".length()), String.valueOf(e.getValue()));
      }
    }
    return new SweepSession(Objects.requireNonNull(master, "master"), conf,
        Objects.requireNonNull(starter, "starter"), null);
  }

  /** The master. */
  public String master() {
    return master;
  }

  /** Resolves the sweep's URIs: the session's Hadoop configuration once it runs. */
  public Configuration conf() {
    SparkSession s = session;
    return s != null ? s.sparkContext().hadoopConfiguration() : conf;
  }

  /** The session, started now if it is not yet. */
  public SparkSession session() {
    SparkSession s = session;
    if (s == null) {
      synchronized (this) {
        if (session == null) {
          session = starter.get();
        }
        s = session;
      }
    }
    return s;
  }

  /** Whether the session runs (was given, or started since). */
  public boolean started() {
    return session != null;
  }

  /** Runs {@code action} on the session if it runs; nothing otherwise. */
  void ifStarted(Consumer<SparkSession> action) {
    SparkSession s = session;
    if (s != null) {
      action.accept(s);
    }
  }

  /**
   * The session's task slots: on a local master without a session those Spark would give it
   * ({@code spark.default.parallelism} if set, else K of {@code local[K]}, the cores of
   * {@code local[*]}, 1 for {@code local}), else the running session's default parallelism.
   */
  public int slots() {
    int local = org.mlem.jobs.fit.Engine.localSlots(master);
    if (session == null && local > 0) {
      String set = System.getProperty("spark.default.parallelism");
      return set != null ? Integer.parseInt(set.trim()) : local;
    }
    return session().sparkContext().defaultParallelism();
  }
}
