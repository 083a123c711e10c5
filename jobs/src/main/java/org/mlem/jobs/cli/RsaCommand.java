package org.mlem.jobs.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.core.rsa.RsaEntry;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.report.RsaReport;
import org.mlem.jobs.report.SweepReport;
import org.mlem.jobs.rsa.RsaJob;
import org.mlem.jobs.rsa.RsaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlem rsa}: the RDM correlation of every two representation sets (named as
 * {@code mlem sweep} names them) on shared pairs, with stimulus-bootstrap 95% intervals; see
 * {@link RsaJob}. Written with {@code --out SWEEP/rsa} into a sweep's output directory, the
 * sweep's report is rewritten to show the matrix.
 */
@Command(name = "rsa", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Representational similarity analysis of two or more representation sets "
        + "(given as to mlem sweep: a glob such as 'layers/*.npy', an .npz or .safetensors "
        + "archive, an HDF5 file, a Parquet table with a set column, NIfTI volumes with "
        + "--atlas/--mask, epochs with --window): the Spearman (or Kendall tau-a) correlation of "
        + "every two sets' RDMs on the pairs of the stimuli they share, with a 95%% percentile "
        + "interval from a stimulus bootstrap (pairs of a stimulus with itself dropped). No "
        + "feature table: a table's rows carry their ids, an array's rows take --ids or their "
        + "row numbers.",
        "Writes OUT/rsa.csv and OUT/rsa.parquet (set_a, set_b, measure, value, ci_low, ci_high,"
        + " pairs, stimuli, resamples), OUT/rsa.json (provenance), OUT/report.html (heatmap) "
        + "and OUT/_SUCCESS. With --out SWEEP/rsa (SWEEP a mlem sweep output), the sweep's "
        + "report shows the layer x layer heatmap too."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:done",
        "2:bad usage or input (fewer than two sets, ids that differ, a constant RDM, OUT "
            + "exists); nothing is written",
        "1:any other failure"})
final class RsaCommand implements Callable<Integer>, CommandOptions.TableCommand {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Spec CommandSpec spec;

  @Override
  public OptionTable optionTable() {
    return JobOptions.RSA;
  }

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    Settings merged = CommandOptions.settings(spec.commandLine().getParseResult(),
        JobOptions.RSA);
    RsaSettings settings = RsaSettings.resolve(merged);
    PrintWriter out = spec.commandLine().getOut();
    RsaJob.Result result;
    try (SparkSessions.Started spark = SparkSessions.start(settings.master(), "mlem rsa",
        merged.get(JobOptions.VERBOSE), settings.quiet() ? null : out)) {
      result = new RsaJob(spark.session(), settings, out).run();
      printSummary(out, result);
      out.printf(Locale.ROOT, "total %.1f s; output: %s%n", (System.nanoTime() - t0) / 1e9,
          settings.out());
      if (settings.report()) {
        ReportCommand.writeOrWarn(out, settings.out(), () -> RsaReport.write(
            spark.session().sparkContext().hadoopConfiguration(), settings.out()));
        String sweep = sweepAround(spark.session(), settings.out());
        if (sweep != null) {
          ReportCommand.writeOrWarn(out, sweep,
              () -> SweepReport.write(spark.session(), sweep, null));
        }
      }
    }
    out.flush();
    return MlemCli.OK;
  }

  /**
   * The sweep directory OUT sits in as {@code SWEEP/rsa} (it holds sweep.json), else null.
   */
  static String sweepAround(org.apache.spark.sql.SparkSession spark, String out) {
    try {
      Path path = new Path(out);
      Path parent = path.getParent();
      if (parent == null || !path.getName().equals(OutputFiles.SWEEP_RSA)) {
        return null;
      }
      boolean sweep = parent.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .exists(new Path(parent, OutputFiles.SWEEP_JSON));
      return sweep ? parent.toString() : null;
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The matrix on the console: one line per two distinct sets. */
  private static void printSummary(PrintWriter out, RsaJob.Result r) {
    out.printf(Locale.ROOT, "%d sets, %d stimuli, %d pairs%s%n", r.names().size(), r.stimuli(),
        r.pairs(), r.allPairs() ? " (all)" : " (sampled)");
    int shown = 0;
    for (RsaEntry e : r.entries()) {
      if (e.a() == e.b()) {
        continue;
      }
      if (shown++ == 20) {
        out.println("... (" + OutputFiles.csv(OutputFiles.RSA) + " holds every pair)");
        break;
      }
      out.printf(Locale.ROOT, "  %s ~ %s: %.4f [%.4f, %.4f]%n", r.names().get(e.a()),
          r.names().get(e.b()), e.value(), e.ciLow(), e.ciHigh());
    }
  }
}
