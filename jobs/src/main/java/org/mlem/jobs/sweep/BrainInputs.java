package org.mlem.jobs.sweep;

import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.fit.UsageException;

/**
 * How a sweep cuts brain data into sets: NIfTI volumes by a mask and/or an atlas (one set per
 * ROI), or MEG/EEG epochs by time windows (one set per window). Unset fields are null.
 *
 * @param mask the mask's URI
 * @param atlas the atlas's URI
 * @param atlasLabels the label table's URI
 * @param times the URI of the epochs' time points
 * @param sfreq samples per second of the epochs
 * @param t0 the time of the epochs' first point with {@code sfreq} (seconds)
 * @param window the window width (seconds)
 * @param stride the step between windows (seconds); null = the width
 */
public record BrainInputs(String mask, String atlas, String atlasLabels, String times,
    Double sfreq, double t0, Double window, Double stride) {

  /** No brain options: the sets are files, datasets, arrays or table values. */
  public static final BrainInputs NONE =
      new BrainInputs(null, null, null, null, null, 0.0, null, null);

  /**
   * Checks that the options given belong together.
   *
   * @throws UsageException naming the options
   */
  public BrainInputs {
    boolean volumes = mask != null || atlas != null;
    if (atlasLabels != null && atlas == null) {
      throw new UsageException("--atlas-labels " + atlasLabels + " names the ROIs of an atlas;"
          + " give the atlas with --atlas");
    }
    if (window == null) {
      for (String[] o : new String[][] {{"times", times}, {"stride", str(stride)},
          {"sfreq", str(sfreq)}}) {
        if (o[1] != null) {
          throw new UsageException("--" + o[0] + " " + o[1] + " is for time windows; give the"
              + " window width with --window");
        }
      }
    } else {
      if (volumes) {
        throw new UsageException("--window cuts epochs into time windows and --mask/--atlas"
            + " cut NIfTI volumes into ROIs; give one of them");
      }
      if ((times == null) == (sfreq == null)) {
        throw new UsageException(times == null
            ? "--window needs the epochs' time points: give --times FILE or --sfreq HZ (with"
                + " --t0)"
            : "--times " + times + " and --sfreq " + sfreq + " are mutually exclusive: give one");
      }
    }
  }

  private static String str(Double v) {
    return v == null ? null : v.toString();
  }

  /** From settings of {@link JobOptions#SWEEP} (or of any table with the brain options). */
  public static BrainInputs resolve(Settings s) {
    return new BrainInputs(s.get(JobOptions.MASK), s.get(JobOptions.ATLAS),
        s.get(JobOptions.ATLAS_LABELS), s.get(JobOptions.TIMES), s.get(JobOptions.SFREQ),
        s.get(JobOptions.T0), s.get(JobOptions.WINDOW), s.get(JobOptions.STRIDE));
  }

  /** Whether NIfTI volumes are cut by a mask or an atlas. */
  public boolean volumes() {
    return mask != null || atlas != null;
  }

  /** Whether epochs are cut into time windows. */
  public boolean windows() {
    return window != null;
  }

  /** The options given, as sweep.json records them. */
  Settings toSettings() {
    Settings s = Settings.empty();
    if (mask != null) {
      s = s.with(JobOptions.MASK, mask);
    }
    if (atlas != null) {
      s = s.with(JobOptions.ATLAS, atlas);
    }
    if (atlasLabels != null) {
      s = s.with(JobOptions.ATLAS_LABELS, atlasLabels);
    }
    if (window != null) {
      s = s.with(JobOptions.WINDOW, window).with(JobOptions.STRIDE, stride == null ? window
          : stride);
      s = times != null ? s.with(JobOptions.TIMES, times)
          : s.with(JobOptions.SFREQ, sfreq).with(JobOptions.T0, t0);
    }
    return s;
  }
}
