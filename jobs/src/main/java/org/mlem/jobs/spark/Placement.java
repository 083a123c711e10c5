package org.mlem.jobs.spark;

import java.util.Locale;

/**
 * Where the neural data live during a fit. BROADCAST: the features and neural distances are
 * broadcast to every executor ({@link SparkPairSourceFactory}); PARTITIONED: the representation
 * rows stay in a cached RDD of blocks ({@link PartitionedPairSourceFactory}); AUTO: partitioned
 * when the matrix (n x D x 4 bytes) exceeds the broadcast budget, else broadcast. Precomputed
 * RDMs are always broadcast.
 */
public enum Placement {
  /** Everything broadcast. */
  BROADCAST,
  /** Representation rows in cached blocks. */
  PARTITIONED,
  /** Chosen by size against the broadcast budget. */
  AUTO;

  /** The default broadcast budget of AUTO, in MiB. */
  public static final int DEFAULT_BROADCAST_BUDGET_MB = 512;

  /** The lower-case name used by the CLI, YAML and run.json. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses broadcast, partitioned or auto (case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static Placement parse(String text) {
    if (text != null) {
      for (Placement p : values()) {
        if (p.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("placement must be one of broadcast, partitioned, auto, "
        + "found " + (text == null ? "null" : "'" + text + "'"));
  }

  /**
   * The concrete placement for a matrix of n x D float32 values: this one unless AUTO, which is
   * PARTITIONED when n x D x 4 bytes exceed the budget, else BROADCAST.
   *
   * @param budgetMb the broadcast budget in MiB, >= 0
   */
  public Placement resolve(long stimuli, long dims, long budgetMb) {
    if (budgetMb < 0) {
      throw new IllegalArgumentException("broadcast budget must be >= 0 MB, found " + budgetMb);
    }
    if (this != AUTO) {
      return this;
    }
    return stimuli * dims * Float.BYTES > budgetMb * (1L << 20) ? PARTITIONED : BROADCAST;
  }
}
