package org.mlem.jobs.report;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.io.InputException;

/** Writes the report of any output directory, dispatching on its {@link ReportKind}. */
public final class Reports {
  private Reports() {}

  /**
   * Writes {@code DIR/report.html} (and, for a sweep, every set's report).
   *
   * @param spark supplies a session for the sweep's MDS view, asked for only when the MDS
   *     layer's inputs cannot be read on the driver; null omits the figure
   * @param conf the Hadoop configuration resolving DIR
   * @param dir the output directory
   * @param kind what DIR holds (see {@link ReportKind#detect})
   * @param mdsLayer the sweep's MDS layer, or null for the default
   * @return the report's URI
   * @throws InputException on a malformed directory
   */
  public static String write(java.util.function.Supplier<SparkSession> spark, Configuration conf,
      String dir, ReportKind kind,
      String mdsLayer) {
    if (mdsLayer != null && kind != ReportKind.SWEEP) {
      throw new InputException("--mds-layer applies to sweep directories only; " + dir
          + " is a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " directory");
    }
    return switch (kind) {
      case FIT -> FitReport.write(conf, dir);
      case SWEEP -> SweepReport.write(spark, conf, dir, mdsLayer);
      case SIMULATE -> SimulateReport.write(conf, dir);
      case ROBUSTNESS -> RobustnessReport.write(conf, dir);
      case EFFICIENCY -> EfficiencyReport.write(conf, dir);
      case SEARCHLIGHT -> SearchlightReport.write(conf, dir);
      case RSA -> RsaReport.write(conf, dir);
    };
  }
}
