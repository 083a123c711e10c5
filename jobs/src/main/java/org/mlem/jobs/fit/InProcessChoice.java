package org.mlem.jobs.fit;

import org.mlem.jobs.spark.Placement;

/**
 * Whether a fit's settings allow the in-process {@link Engine}, and why not: the master must be
 * local and the placement not {@code partitioned} (which exists to spread the matrix over
 * executors). The inputs are checked when they are read ({@link FitJob#runInProcess}).
 */
public final class InProcessChoice {
  /** Why inputs that passed the settings still go to Spark. */
  public static final String INPUTS_NEED_SPARK = "the inputs need Spark to be read (in process:"
      + " a plain local CSV or Parquet feature table, and representations in .npy, HDF5, .npz,"
      + " .safetensors or plain local Parquet (id + array<float|double> or numeric columns)"
      + " within the budget)";

  private InProcessChoice() {}

  /** Null when the settings allow an in-process fit, else the reason. */
  public static String refusal(FitSettings s) {
    if (!Engine.isLocalMaster(s.master())) {
      return "the master " + Engine.effectiveMaster(s.master()) + " is not local";
    }
    if (s.placement() == Placement.PARTITIONED) {
      return "placement partitioned needs Spark executors";
    }
    return null;
  }
}
