package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.io.InputException;

/**
 * What an output directory holds, recognised by its marker file: a sweep ({@code sweep.json}),
 * a simulation study ({@code simulate.json}), a robustness study ({@code robustness.json}), a
 * sample-efficiency study ({@code efficiency.json}), a
 * searchlight ({@code searchlight.json}) or a fit run directory ({@code run.json} and
 * {@code _SUCCESS}).
 */
public enum ReportKind {
  /** {@code mlem sweep --out DIR}. */
  SWEEP(OutputFiles.SWEEP_JSON),
  /** {@code mlem simulate --out DIR}. */
  SIMULATE(OutputFiles.SIMULATE_JSON),
  /** {@code mlem robustness --out DIR}. */
  ROBUSTNESS(OutputFiles.ROBUSTNESS_JSON),
  /** {@code mlem efficiency --out DIR}. */
  EFFICIENCY(OutputFiles.EFFICIENCY_JSON),
  /** A searchlight's output directory (searchlight.csv and searchlight.json). */
  SEARCHLIGHT(OutputFiles.SEARCHLIGHT_JSON),
  /** {@code mlem rsa --out DIR}. */
  RSA(OutputFiles.RSA_JSON),
  /** {@code mlem fit --out DIR}. */
  FIT(OutputFiles.RUN_JSON);

  private final String marker;

  ReportKind(String marker) {
    this.marker = marker;
  }

  /** The file that identifies this kind of directory. */
  public String marker() {
    return marker;
  }

  /**
   * Detects the kind of DIR.
   *
   * @throws InputException if DIR does not exist, or holds none of the markers, or is a fit
   *     run directory without {@code _SUCCESS}
   */
  public static ReportKind detect(ReportFiles files, String dir) {
    if (!files.exists(dir)) {
      throw new InputException("directory not found: " + dir);
    }
    for (ReportKind kind : values()) {
      if (files.exists(ReportFiles.child(dir, kind.marker))) {
        if (kind == FIT && !files.exists(ReportFiles.child(dir, OutputFiles.SUCCESS))) {
          throw new InputException(dir + " has " + OutputFiles.RUN_JSON + " but no "
              + OutputFiles.SUCCESS + ": the fit did not "
              + "finish; rerun 'mlem fit' with --overwrite");
        }
        return kind;
      }
    }
    List<String> markers = new ArrayList<>();
    for (ReportKind kind : values()) {
      markers.add(kind.marker);
    }
    throw new InputException(dir + " is not an mlem output directory: none of "
        + String.join(", ", markers) + " found; give the --out directory of mlem fit, sweep, "
        + "simulate, robustness, efficiency, rsa or searchlight");
  }
}
