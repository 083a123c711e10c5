package org.mlem.jobs.cli;

import org.mlem.jobs.fit.Engine;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.InProcessChoice;
import org.mlem.jobs.fit.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.stats.Frobenius;
import org.mlem.jobs.output.Interruption;
import org.mlem.jobs.output.OutputExistsException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.RunDirectoryWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mlem demo}: generates a simulated dataset with a known W* (the paper's section 2.5.1),
 * writes it as {@code <out>/data/features.csv} and {@code <out>/data/representations.parquet},
 * runs exactly the {@code fit} path on those files into {@code <out>/run/} (in process without
 * Spark on a local master, as {@code mlem fit} chooses, else on Spark), and prints the summary
 * with the Frobenius distance of the learned W to W*.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate a small simulated dataset, fit it as 'mlem fit' would (in process "
        + "on a local master, else on Spark), and compare the learned W with the known ground "
        + "truth.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "./mlem-demo",
      description = "Where to put data/ and run/ (default: ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--overwrite", description = "Replace an existing demo directory.")
  boolean overwrite;

  @Option(names = "--stimuli", paramLabel = "N", defaultValue = "300",
      description = "Simulated stimuli (default: ${DEFAULT-VALUE}).")
  int stimuli;

  @Option(names = "--n-features", paramLabel = "F", defaultValue = "4",
      description = "Binary features (default: ${DEFAULT-VALUE}).")
  int features;

  @Option(names = "--dims", paramLabel = "D", defaultValue = "32",
      description = "Representation dimensions (default: ${DEFAULT-VALUE}).")
  int dims;

  @Option(names = "--noise", paramLabel = "X", defaultValue = "0.5",
      description = "Noise level (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the data and of the fit (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-steps", paramLabel = "N", description = "Maximum training steps.")
  Integer maxSteps;

  @Option(names = "--permutations", paramLabel = "P",
      description = "Permutations per importance unit.")
  Integer permutations;

  @Option(names = "--partitions", paramLabel = "N", description = "Spark tasks per request.")
  Integer partitions;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--engine", paramLabel = "MODE", defaultValue = "auto",
      converter = EngineConverter.class,
      description = "What runs the fit, as in 'mlem fit': auto (in process without Spark on a "
          + "local master, else Spark), spark or in-process (default: ${DEFAULT-VALUE}).")
  Engine engine;

  /** Parses --engine as 'mlem fit' does. */
  static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      return Engine.parse(value);
    }
  }

  @Option(names = "--quiet", description = "No progress lines, only the summary.")
  boolean quiet;

  @Option(names = "--verbose", description = "Spark's and MLEM's INFO logs on stderr.")
  boolean verbose;

  @Spec CommandSpec spec;

  /**
   * OUT may be written when absent, or with --overwrite when it is a previous demo directory
   * (nothing in it but data/ and run/): the demo rewrites those two and nothing else.
   */
  static void requireDemoDirectory(Configuration conf, String out, boolean overwrite) {
    try {
      Path path = new Path(out);
      org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
      RunDirectoryWriter.requireNotBelowAFile(fs, path, out);
      if (!fs.exists(path)) {
        return;
      }
      if (!overwrite) {
        throw new OutputExistsException(out);
      }
      List<String> other = new ArrayList<>();
      if (fs.getFileStatus(path).isDirectory()) {
        for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(path)) {
          String name = st.getPath().getName();
          if (!name.equals("data") && !name.equals("run") && !name.startsWith(".")) {
            other.add(name);
          }
        }
      } else {
        other.add("it is a file");
      }
      if (!other.isEmpty()) {
        other.sort(null);
        throw new OutputExistsException(out, "--out " + out + " exists and is not a demo"
            + " directory (" + String.join(", ", other.subList(0, Math.min(5, other.size())))
            + "); --overwrite replaces only a previous demo: choose a new --out");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot check the demo directory " + out, e);
    }
  }

  @Override
  public Integer call() {
    requireDemoDirectory(new Configuration(), out, overwrite);
    SyntheticDataset data;
    try {
      data = SimulationStudy.generate(stimuli, features, dims, noise, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid demo dataset: " + e.getMessage(), e);
    }
    String dataDir = new Path(out, "data").toString();
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("features", new Path(dataDir, DemoData.FEATURES).toString());
    keys.put("representations", new Path(dataDir, DemoData.REPRESENTATIONS).toString());
    keys.put("out", new Path(out, "run").toString());
    keys.put("overwrite", true);
    keys.put("seed", seed);
    keys.put("quiet", quiet);
    keys.put("master", master);
    keys.put("max-steps", maxSteps);
    keys.put("permutations", permutations);
    keys.put("partitions", partitions);
    FitSettings settings = FitSettings.resolve(keys);

    PrintWriter console = spec.commandLine().getOut();
    if (!quiet) {
      console.println(data.description());
    }
    boolean existed = exists(out);
    Interruption.describeWith(() -> !existed && !exists(out) ? "interrupted; nothing was written"
        : "interrupted; rerun the same command with --overwrite to start again");
    // as 'mlem fit' chooses: in process on a local master (the files written without Spark),
    // else on Spark
    java.util.Optional<MlemAnalysis> inProcess = InProcessChoice.attempt(engine, settings,
        budget -> {
          Configuration conf = new Configuration();
          DemoData.write(conf, data, dataDir);
          InputChecks.check(settings);
          return FitJob.runInProcess(conf, settings, console, true, budget);
        });
    if (inProcess.isPresent()) {
      printDistanceToTruth(console, data, inProcess.get());
      return 0;
    }
    try (SparkSessions.Started spark = SparkSessions.start(master, "mlem demo", verbose,
        quiet ? null : console)) {
      DemoData.write(spark.session(), data, dataDir);
      InputChecks.check(settings);
      printDistanceToTruth(console, data, FitJob.run(spark.session(), settings, console));
    }
    return 0;
  }

  private static void printDistanceToTruth(PrintWriter console, SyntheticDataset data,
      MlemAnalysis analysis) {
    double[][] truth = reorder(data.trueWeights(), analysis.featureNames());
    console.printf(Locale.ROOT, "Frobenius distance of W to the true W*: %.4f%n",
        Frobenius.distance(analysis.weights(), truth));
    console.flush();
  }

  private static boolean exists(String dir) {
    return OutputFiles.modifiedMillis(dir) != null;
  }

  /** W* (features f0, f1, ...) in the order of the fitted features. */
  private static double[][] reorder(double[][] truth, List<String> names) {
    int f = names.size();
    double[][] out = new double[f][f];
    for (int a = 0; a < f; a++) {
      int ta = Integer.parseInt(names.get(a).substring(1));
      for (int b = 0; b < f; b++) {
        out[a][b] = truth[ta][Integer.parseInt(names.get(b).substring(1))];
      }
    }
    return out;
  }
}
