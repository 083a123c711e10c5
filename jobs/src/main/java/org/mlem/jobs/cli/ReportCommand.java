package org.mlem.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.report.ReportFiles;
import org.mlem.jobs.report.ReportKind;
import org.mlem.jobs.report.Reports;
import org.mlem.jobs.sweep.SweepSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mlem report DIR}: detects what DIR holds (a fit run directory, a sweep, a simulation or
 * a robustness study, a searchlight) and writes the self-contained {@code DIR/report.html} from
 * its CSV tables, read through Hadoop's FileSystem. Spark is started only when a sweep's MDS
 * layer has inputs that only Spark reads (a partitioned table); plain files are read on the
 * driver, so rebuilding a report takes no Spark start-up.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write DIR/report.html (self-contained HTML with SVG figures) for the output "
        + "directory of mlem fit, sweep, simulate, robustness, rsa or a searchlight.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR",
      description = "The output directory (any Hadoop URI or local path).")
  String dir;

  @Option(names = "--mds-layer", paramLabel = "SET",
      description = "Sweeps: the set shown in the MDS view (default: where the top unit "
          + "peaks).")
  String mdsLayer;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for a sweep's MDS view (default: spark-submit's, else "
          + "local[*]).")
  String master;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ReportFiles probe = new ReportFiles(new Configuration());
    ReportKind kind = ReportKind.detect(probe, dir);
    String written;
    if (kind == ReportKind.SWEEP) {
      try (SparkSessions.OnDemand spark = new SparkSessions.OnDemand(master, "mlem report",
          false, spec.commandLine().getOut())) {
        SweepSession session = spark.session();
        written = Reports.write(session::session, session.conf(), dir, kind, mdsLayer);
      }
    } else {
      written = Reports.write(null, probe.conf(), dir, kind, mdsLayer);
    }
    spec.commandLine().getOut().println("report: " + written);
    spec.commandLine().getOut().flush();
    return MlemCli.OK;
  }

  /**
   * Writes a report at the end of a job; a failure only warns (the job's tables are complete
   * without it, and {@code mlem report DIR} can rebuild it).
   */
  static void writeOrWarn(
      java.io.PrintWriter console, String dir, java.util.function.Supplier<String> report) {
    try {
      console.println("report: " + report.get());
    } catch (RuntimeException e) {
      console.println("warning: the report could not be written (" + e.getMessage()
          + "); run 'mlem report " + dir + "' to retry");
    }
  }
}
