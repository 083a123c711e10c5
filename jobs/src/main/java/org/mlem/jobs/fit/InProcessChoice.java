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

  /**
   * Runs a job in process when {@code engine} and the settings allow it (auto or in-process, a
   * local master, no partitioned placement) and {@code inProcess} manages (it returns empty when
   * the inputs need Spark or exceed the budget it is given: the broadcast budget for auto,
   * unbounded for in-process).
   *
   * @param inProcess the in-process job, given its budget in bytes
   * @return its result, or empty when the job must run on Spark instead
   * @throws UsageException for {@code --engine in-process} when the job cannot run in process
   */
  public static <T> java.util.Optional<T> attempt(Engine engine, FitSettings s,
      java.util.function.LongFunction<java.util.Optional<T>> inProcess) {
    if (engine == Engine.SPARK) {
      return java.util.Optional.empty();
    }
    String why = refusal(s);
    if (why == null) {
      java.util.Optional<T> done = inProcess.apply(engine == Engine.IN_PROCESS ? Long.MAX_VALUE
          : s.broadcastBudgetMb() * 1024L * 1024L);
      if (done.isPresent()) {
        return done;
      }
      why = INPUTS_NEED_SPARK;
    }
    if (engine == Engine.IN_PROCESS) {
      throw new UsageException("--engine in-process: " + why + "; use --engine spark or auto");
    }
    return java.util.Optional.empty();
  }

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
