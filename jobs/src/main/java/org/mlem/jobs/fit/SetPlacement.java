package org.mlem.jobs.fit;

import java.util.Locale;

/**
 * Where a sweep fits each set: DRIVER, the fit driven from the driver with its Spark jobs (the
 * within-fit distribution of {@code --placement}, for the few huge sets); TASK, the whole fit
 * inside one Spark task on an executor, which writes the set's run directory (many small sets,
 * e.g. ROIs or time windows, spread over the cluster's cores); AUTO, on a cluster TASK for sets
 * whose matrix (n x D x 4 bytes) is within the broadcast budget, else DRIVER; on a local master
 * the core engine in the driver's JVM for such sets (no Spark job per step, the set read without
 * Spark where its format allows: what {@code mlem fit --engine auto} does), unless
 * {@code --placement partitioned} asks for Spark's row blocks. Results are the same every way: a
 * set fitted in a task or in process is fitted as {@code mlem fit --engine in-process} fits it.
 */
public enum SetPlacement {
  /** The fit driven from the driver. */
  DRIVER,
  /** The whole fit inside one Spark task. */
  TASK,
  /** Chosen by master and size. */
  AUTO;

  /** The lower-case name used by the CLI, YAML and sweep.json. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses driver, task or auto (case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static SetPlacement parse(String text) {
    if (text != null) {
      for (SetPlacement p : values()) {
        if (p.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("set placement must be one of driver, task, auto, found "
        + (text == null ? "null" : "'" + text + "'"));
  }

  /**
   * Whether sets within the broadcast budget are fitted by the core engine on the driver,
   * without Spark jobs: AUTO on a local master.
   *
   * @param master the Spark master
   */
  public boolean inProcess(String master) {
    return this == AUTO && Engine.isLocalMaster(master);
  }

  /**
   * Whether a set of {@code bytes} (n x D x 4) is fitted in a task.
   *
   * @param master the Spark master
   * @param budgetMb the broadcast budget in MiB
   */
  public boolean inTask(String master, long bytes, long budgetMb) {
    return switch (this) {
      case TASK -> true;
      case DRIVER -> false;
      case AUTO -> !Engine.isLocalMaster(master) && bytes <= budgetMb * (1L << 20);
    };
  }
}
