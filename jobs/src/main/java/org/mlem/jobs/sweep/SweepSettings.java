package org.mlem.jobs.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.Engine;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.fit.SetPlacement;
import org.mlem.jobs.fit.UsageException;

/**
 * The resolved settings of a sweep: the fit settings shared by every set (their
 * {@code representations} is the sets' pattern and their {@code out} the sweep's output root),
 * plus the sweep's own knobs.
 *
 * @param fit the shared fit settings; a batch size in its config (from {@code --batch-size N})
 *     is used for every set, 0 means estimate once (or read {@code batchSizeFile})
 * @param concurrency sets run at once, >= 1, or 0 for auto ({@link #concurrencyOn})
 * @param setColumn the set column of a table of sets
 * @param batchSizeFile a {@code batch_size.json} to reuse, or null
 * @param report whether to write the HTML reports (sweep and per set) at the end
 * @param brain how brain data are cut into sets (ROIs, time windows), or {@link BrainInputs#NONE}
 * @param setPlacement where each set is fitted (in a Spark task or driven from the driver)
 */
public record SweepSettings(
    FitSettings fit, int concurrency, String setColumn, String batchSizeFile, boolean report,
    BrainInputs brain, SetPlacement setPlacement) {

  /** The default set column. */
  public static final String DEFAULT_SET_COLUMN = JobOptions.SET_COLUMN.defaultValue();

  /**
   * The sweep's settings from settings of {@link JobOptions#SWEEP}.
   *
   * @throws UsageException naming the option, the value and what is allowed
   */
  public static SweepSettings resolve(Settings s) {
    return new SweepSettings(FitSettings.resolve(s), s.get(JobOptions.CONCURRENCY),
        s.get(JobOptions.SET_COLUMN), s.get(JobOptions.BATCH_SIZE_FILE),
        s.get(JobOptions.REPORT), BrainInputs.resolve(s), s.get(JobOptions.SET_PLACEMENT));
  }

  /**
   * Validates the sweep's own knobs.
   *
   * @throws UsageException naming the option, the value and what is allowed
   */
  public SweepSettings {
    if (brain == null) {
      brain = BrainInputs.NONE;
    }
    if (setPlacement == null) {
      setPlacement = SetPlacement.AUTO;
    }
    try {
      JobOptions.CONCURRENCY.check(concurrency);
      JobOptions.SET_COLUMN.check(setColumn);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage(), e);
    }
    if (batchSizeFile != null && fit.config().batchSize() != 0) {
      throw new UsageException("--batch-size " + fit.config().batchSize() + " and"
          + " --batch-size-file " + batchSizeFile + " are mutually exclusive: give one");
    }
  }

  /** Settings that write the reports. */
  public SweepSettings(FitSettings fit, int concurrency, String setColumn, String batchSizeFile) {
    this(fit, concurrency, setColumn, batchSizeFile, true);
  }

  /** Settings with sets placed automatically. */
  public SweepSettings(FitSettings fit, int concurrency, String setColumn, String batchSizeFile,
      boolean report, BrainInputs brain) {
    this(fit, concurrency, setColumn, batchSizeFile, report, brain, SetPlacement.AUTO);
  }

  /** Settings without brain options. */
  public SweepSettings(FitSettings fit, int concurrency, String setColumn, String batchSizeFile,
      boolean report) {
    this(fit, concurrency, setColumn, batchSizeFile, report, BrainInputs.NONE);
  }

  /**
   * Sets fitted at once: {@code --concurrency} when given (> 0); when 0 (auto), the task slots
   * when sets may be fitted in Spark tasks on this master (placement task, or auto on a
   * cluster), so small sets spread over every executor core, else 1 (each set's fit is
   * distributed itself, or the master is local).
   *
   * @param master the Spark master
   * @param slots the task slots of the session (its default parallelism)
   */
  public int concurrencyOn(String master, int slots) {
    return concurrencyOn(master, () -> slots);
  }

  /** As {@link #concurrencyOn(String, int)}, the slots asked for only when they decide. */
  public int concurrencyOn(String master, java.util.function.IntSupplier slots) {
    if (concurrency > 0) {
      return concurrency;
    }
    boolean tasks = setPlacement == SetPlacement.TASK
        || setPlacement == SetPlacement.AUTO && !Engine.isLocalMaster(master);
    return tasks ? Math.max(1, slots.getAsInt()) : 1;
  }

  /** Whether the number of sets fitted at once is chosen by {@link #concurrencyOn}. */
  public boolean autoConcurrency() {
    return concurrency == 0;
  }

  /** Everything recorded in sweep.json as the resolved configuration. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>(fit.config().toMap());
    m.putAll(fit.toMap());
    Settings own = Settings.empty().with(JobOptions.CONCURRENCY, concurrency)
        .with(JobOptions.SET_COLUMN, setColumn).with(JobOptions.REPORT, report)
        .with(JobOptions.SET_PLACEMENT, setPlacement);
    if (batchSizeFile != null) {
      own = own.with(JobOptions.BATCH_SIZE_FILE, batchSizeFile);
    }
    m.putAll(own.toMap());
    m.putAll(brain.toSettings().toMap());
    return m;
  }
}
