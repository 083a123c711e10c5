package org.mlem.jobs.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * Sessions on a real multi-process cluster on this machine, for integration tests ({@code *IT},
 * run by Failsafe after {@code package}): master {@value #MASTER} (two worker processes with one
 * core and 1024 MB each), Spark's jars from the SPARK_HOME that {@code package} assembles
 * (system property {@value #SPARK_HOME_PROPERTY}), our classes only through the shaded jar
 * (system property {@value #SHADED_JAR_PROPERTY}), everything bound to 127.0.0.1, and the Java 17
 * {@code --add-opens} flags Spark needs on the executors. Failsafe sets both properties and the
 * environment (SPARK_LOCAL_IP=127.0.0.1, SPARK_SCALA_VERSION=2.13). Starting the executors takes
 * about 10-20 s.
 *
 * <p>The workers of {@code local-cluster} run inside the driver's JVM and launch executors from
 * the SPARK_HOME environment variable, or, when the JVM is in Spark's testing mode, from the
 * system property {@code spark.test.home} ({@code spark.home} in the conf is not used for that).
 * {@link #localCluster} therefore sets the system properties {@code spark.testing} and
 * {@code spark.test.home}; {@link #stop} stops the session and clears them again. Use:
 *
 * <pre>{@code
 * SparkSession cluster = ClusterTestSupport.localCluster("MyIT").getOrCreate();
 * try { ... } finally { ClusterTestSupport.stop(cluster); }
 * }</pre>
 */
public final class ClusterTestSupport {
  /** The multi-process master: 2 workers, 1 core, 1024 MB each. */
  public static final String MASTER = "local-cluster[2,1,1024]";

  /** System property naming the SPARK_HOME whose {@code jars/} holds Spark's jars. */
  public static final String SPARK_HOME_PROPERTY = "mlem.sparkHome";

  /** System property naming the shaded jar shipped to the executors. */
  public static final String SHADED_JAR_PROPERTY = "mlem.shadedJar";

  /**
   * System property holding the executors' JVM flags: the parent pom's {@code spark.add.opens}
   * (Java 17 --add-opens for Spark, and the Vector API module), passed by Failsafe.
   */
  public static final String EXECUTOR_OPTIONS_PROPERTY = "mlem.executorJavaOptions";

  private static final String TESTING_PROPERTY = "spark.testing";
  private static final String TEST_HOME_PROPERTY = "spark.test.home";

  private ClusterTestSupport() {}

  /**
   * A builder for a {@value #MASTER} session with the loopback, SPARK_HOME, shaded-jar and
   * Java 17 settings applied; add test settings, then {@code getOrCreate()}. Stop any other
   * session of this JVM first, and stop this one with {@link #stop}. Sets the system properties
   * {@code spark.testing} and {@code spark.test.home} (see the class comment).
   *
   * @throws IllegalStateException if a system property is missing or names no file
   */
  public static SparkSession.Builder localCluster(String appName) {
    String home = existing(SPARK_HOME_PROPERTY, true).toString();
    String jar = existing(SHADED_JAR_PROPERTY, false).toString();
    System.setProperty(TESTING_PROPERTY, "true");
    System.setProperty(TEST_HOME_PROPERTY, home);
    return SparkTestSession.builder(MASTER, appName)
        .config("spark.home", home)
        .config("spark.jars", jar)
        .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
        .config("spark.executor.extraJavaOptions", requiredProperty(EXECUTOR_OPTIONS_PROPERTY))
        .config("spark.executor.memory", "512m");
  }

  /** Stops a session started from {@link #localCluster} and clears the testing properties. */
  public static void stop(SparkSession session) {
    try {
      session.stop();
    } finally {
      System.clearProperty(TESTING_PROPERTY);
      System.clearProperty(TEST_HOME_PROPERTY);
    }
  }

  /** The SPARK_HOME given by {@value #SPARK_HOME_PROPERTY}. */
  public static Path sparkHome() {
    return existing(SPARK_HOME_PROPERTY, true);
  }

  /** The shaded jar given by {@value #SHADED_JAR_PROPERTY}. */
  public static Path shadedJar() {
    return existing(SHADED_JAR_PROPERTY, false);
  }

  private static String requiredProperty(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set; run "
          + "cluster tests with Failsafe after package (mvn -pl jobs -am verify), which sets it");
    }
    return value;
  }

  private static Path existing(String property, boolean directory) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set; run "
          + "cluster tests with Failsafe after package (mvn -pl jobs -am verify), which sets it");
    }
    Path path = Path.of(value);
    if (directory ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
      throw new IllegalStateException("system property " + property + " names " + path
          + ", which is not an existing " + (directory ? "directory" : "file")
          + "; run mvn -pl jobs -am package first");
    }
    return path;
  }
}
