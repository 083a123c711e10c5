package org.mlem.jobs.fit;

import java.util.Locale;

/**
 * What runs a {@code mlem fit}. SPARK: a Spark session, pairs and importance rounds as Spark
 * tasks. IN_PROCESS: the core engine in the launcher's JVM, no Spark session at all, inputs read
 * on the driver; the same analysis to the bit (the Spark path runs the same core code on the same
 * pair streams), written to the same run directory. AUTO: in-process when the master is local
 * (none given, or {@code local}, {@code local[N]}, {@code local[*]}), the placement is not
 * {@code partitioned}, the inputs are local files the driver reads without Spark (a plain CSV or
 * Parquet feature table; .npy, HDF5, .npz, .safetensors or plain Parquet representations) and
 * the matrix fits the broadcast budget; Spark
 * otherwise. Small fits then take seconds instead of Spark's start-up.
 */
public enum Engine {
  /** Chosen by the inputs and the master. */
  AUTO,
  /** Always a Spark session. */
  SPARK,
  /** Always the core engine in process (refused when the inputs need Spark). */
  IN_PROCESS;

  /** The CLI name: auto, spark, in-process. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses auto, spark or in-process (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static Engine parse(String text) {
    if (text != null) {
      for (Engine e : values()) {
        if (e.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return e;
        }
      }
    }
    throw new IllegalArgumentException("engine must be one of auto, spark, in-process, found "
        + (text == null ? "null" : "'" + text + "'"));
  }

  /**
   * Whether a master runs in this JVM: none given (the default is local[*]) or a local one.
   *
   * @param master the --master value, or null
   */
  public static boolean isLocalMaster(String master) {
    String m = effectiveMaster(master);
    return m == null || m.equals("local") || m.startsWith("local[");
  }

  private static final java.util.regex.Pattern LOCAL =
      java.util.regex.Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?\\])?");

  /**
   * The task slots Spark gives a local master: K for {@code local[K]} or {@code local[K,F]}, the
   * cores for {@code local[*]}, 1 for {@code local}; 0 when the master is not local.
   */
  public static int localSlots(String master) {
    java.util.regex.Matcher m = LOCAL.matcher(master);
    if (!m.matches()) {
      return 0;
    }
    String k = m.group(1);
    return k == null ? 1 : k.equals("*") ? Runtime.getRuntime().availableProcessors()
        : Integer.parseInt(k);
  }

  /** The local master a session would get: {@link #effectiveMaster}, else {@code local[*]}. */
  public static String localMaster(String master) {
    String m = effectiveMaster(master);
    return m != null ? m : "local[*]";
  }

  /** The master a session would get: --master, else spark-submit's, else null (local[*]). */
  static String effectiveMaster(String master) {
    return master != null ? master : System.getProperty("spark.master");
  }
}
