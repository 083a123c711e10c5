package org.mlem.jobs.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.UsageException;

/**
 * The resolved settings of a sweep: the fit settings shared by every set (their
 * {@code representations} is the sets' pattern and their {@code out} the sweep's output root),
 * plus the sweep's own knobs.
 *
 * @param fit the shared fit settings; a batch size in its config (from {@code --batch-size N})
 *     is used for every set, 0 means estimate once (or read {@code batchSizeFile})
 * @param concurrency sets run at once, >= 1
 * @param setColumn the set column of a table of sets
 * @param batchSizeFile a {@code batch_size.json} to reuse, or null
 * @param report whether to write the HTML reports (sweep and per set) at the end
 */
public record SweepSettings(
    FitSettings fit, int concurrency, String setColumn, String batchSizeFile, boolean report) {

  /** The default set column. */
  public static final String DEFAULT_SET_COLUMN = "layer";

  /**
   * Validates the sweep's own knobs.
   *
   * @throws UsageException naming the option, the value and what is allowed
   */
  public SweepSettings {
    if (concurrency < 1) {
      throw new UsageException("--concurrency must be >= 1, found " + concurrency);
    }
    if (setColumn == null || setColumn.isBlank()) {
      throw new UsageException("--set-column must name a column, found an empty name");
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

  /** Everything recorded in sweep.json as the resolved configuration. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>(fit.config().toMap());
    m.putAll(fit.toMap());
    m.put("concurrency", Integer.toString(concurrency));
    m.put("set-column", setColumn);
    if (batchSizeFile != null) {
      m.put("batch-size-file", batchSizeFile);
    }
    m.put("report", Boolean.toString(report));
    return m;
  }
}
