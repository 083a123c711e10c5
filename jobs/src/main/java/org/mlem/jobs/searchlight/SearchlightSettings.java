package org.mlem.jobs.searchlight;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mlem.core.brain.Searchlight;
import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.fit.UsageException;

/**
 * The resolved settings of {@code mlem searchlight}: the fit's (features, volumes, the model and
 * its options, the output root), the mask, the spheres, a batch-size file to reuse, and whether
 * to write the report.
 *
 * @param fit the fit settings every sphere shares (out = the searchlight's output root)
 * @param mask the mask's URI
 * @param spheres radius, centre stride and smallest sphere
 * @param batchSizeFile a batch_size.json to reuse, or null
 * @param report whether to write OUT/report.html
 */
public record SearchlightSettings(FitSettings fit, String mask, Searchlight.Spec spheres,
    String batchSizeFile, boolean report) {

  /** Checks what belongs together. */
  public SearchlightSettings {
    if (mask == null || mask.isBlank()) {
      throw new UsageException("missing required option --mask: a searchlight runs over the"
          + " voxels of a mask (.nii/.nii.gz on the volumes' grid, non-zero = in)");
    }
    if (batchSizeFile != null && fit.config().batchSize() != 0) {
      throw new UsageException("--batch-size " + fit.config().batchSize() + " and"
          + " --batch-size-file " + batchSizeFile + " are mutually exclusive: give one");
    }
  }

  /**
   * From settings of {@link JobOptions#SEARCHLIGHT}.
   *
   * @throws UsageException naming the option, the value and what is allowed
   */
  public static SearchlightSettings resolve(Settings s) {
    Searchlight.Spec spec;
    try {
      spec = Searchlight.Spec.parse(s.get(JobOptions.RADIUS), s.get(JobOptions.CENTER_STRIDE),
          s.get(JobOptions.MIN_VOXELS));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--radius " + s.get(JobOptions.RADIUS) + ": " + e.getMessage(),
          e);
    }
    return new SearchlightSettings(FitSettings.resolve(s), s.get(JobOptions.MASK), spec,
        s.get(JobOptions.BATCH_SIZE_FILE), s.get(JobOptions.REPORT));
  }

  /** What searchlight.json records as the configuration, by CLI key. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>(fit.toMap());
    m.put("mask", mask);
    m.put("radius", radiusText());
    m.put("center-stride", Integer.toString(spheres.stride()));
    m.put("min-voxels", Integer.toString(spheres.minVoxels()));
    if (batchSizeFile != null) {
      m.put("batch-size-file", batchSizeFile);
    }
    return m;
  }

  /** The radius as given in canonical form, e.g. "6.0mm" or "2.0vox". */
  public String radiusText() {
    return spheres.radius() + (spheres.unit() == Searchlight.RadiusUnit.MM ? "mm" : "vox");
  }
}
