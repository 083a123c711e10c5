package org.mlem.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.config.OptionTable;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.searchlight.SearchlightJob;
import org.mlem.jobs.searchlight.SearchlightSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlem searchlight}: one MLEM fit per sphere around every in-mask voxel of NIfTI volumes,
 * the spheres fitted as Spark tasks, resumable; see {@link SearchlightJob}.
 */
@Command(name = "searchlight", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit MLEM in a sphere around every in-mask voxel (or every K-th, "
        + "--center-stride) of NIfTI volumes (a 4-D series, one volume per stimulus, or a glob of"
        + " 3-D files), each sphere one fit run inside a Spark task. Writes "
        + "OUT/searchlight.parquet/ (one partition per wave of spheres), OUT/searchlight.csv "
        + "(center, i, j, k, voxels, unit, mean, ci_low, ci_high, score, status, reason), "
        + "OUT/maps/*.nii.gz (score, importance_<unit>, ci_low_<unit> on the volumes' grid), "
        + "OUT/searchlight.json, OUT/batch_size.json, OUT/report.html and OUT/_SUCCESS.",
        "Rerunning the same command resumes with the spheres not yet written. Sphere i-j-k's "
        + "seed is derived from --seed and its name as a sweep's sets are, so 'mlem fit --seed "
        + "<that> --batch-size <shared>' on its voxels reproduces it. --partitions sets the "
        + "tasks per wave (default: Spark's parallelism x 4)."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every sphere fitted (failed spheres are rows with status failed)",
        "2:bad usage or input (e.g. a mask off the volumes' grid, NaN voxels, wrong ids)",
        "1:any other failure (rerun the same command to resume)"})
final class SearchlightCommand implements Callable<Integer>, CommandOptions.TableCommand {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Spec CommandSpec spec;

  @Override
  public OptionTable optionTable() {
    return JobOptions.SEARCHLIGHT;
  }

  @Override
  public Integer call() {
    org.mlem.core.config.Settings s = CommandOptions.settings(spec.commandLine().getParseResult(),
        JobOptions.SEARCHLIGHT);
    SearchlightSettings settings = SearchlightSettings.resolve(s);
    Configuration conf = new Configuration();
    InputPaths.requireReadable(conf, settings.fit().features().uri(), "features");
    InputPaths.requireReadable(conf, settings.mask(), "mask");
    if (settings.batchSizeFile() != null) {
      InputPaths.requireReadable(conf, settings.batchSizeFile(), "batch-size");
    }
    InputChecks.requireOutputDirectory(conf, settings.fit().out(), "searchlight");
    PrintWriter out = spec.commandLine().getOut();
    try (SparkSessions.Started spark = SparkSessions.start(settings.fit().master(),
        "mlem searchlight", s.get(JobOptions.VERBOSE), settings.fit().quiet() ? null : out)) {
      new SearchlightJob(spark.session(), settings, out).run();
    }
    return MlemCli.OK;
  }
}
