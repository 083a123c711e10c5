package org.mlem.jobs.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.Splits;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.Trainer;
import org.mlem.core.train.TrainingConfig;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.spark.PartitionedPairSourceFactory;
import org.mlem.jobs.spark.Placement;
import org.mlem.jobs.spark.RepresentationBlocks;
import org.mlem.jobs.spark.RowBlock;

/**
 * The scale benchmark of the partitioned placement: for n = 10^4, 10^5, 10^6 stimuli (by
 * default) with generated data (three categorical features of 4, 7 and 12 levels; D = 64
 * Gaussian dimensions generated on the executors, never on the driver), it trains a fixed
 * number of steps at a fixed batch size through the partitioned placement and prints, per n,
 * the time per training step and the peak heap of the driver (and of the executors, which are
 * the same JVM in local mode). A first, untimed run of the smallest n warms the JVM and Spark
 * up, and every n first trains {@value #WARMUP_STEPS} untimed steps (the larger n take code
 * paths the smallest does not, e.g. rows shipped between partitions), so the timed steps are
 * the steady state. It asserts nothing. What it shows: the time per step is flat in
 * n (a step costs the batch, not the matrix), and the partitioned placement runs matrices
 * larger than the broadcast budget.
 *
 * <p>Usage (see {@code submit-scripts/bench-scale}):
 * {@code ScaleBenchmark [--sizes 10000,100000,1000000] [--dims 64] [--batch 20000] [--steps 48]
 * [--budget-mb 64] [--block-rows 0] [--master local[2]]}.
 */
public final class ScaleBenchmark {
  private static final long SEED = 20240601L;
  private static final int[] LEVELS = {4, 7, 12};
  /** Three calls of 8 steps: the n's own code paths (e.g. rows shipped between partitions) warm. */
  private static final int WARMUP_STEPS = 24;

  private ScaleBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) {
    Settings s = Settings.parse(args);
    PrintStream out = System.out;
    SparkSession spark = SparkSession.builder().master(s.master).appName("mlem-bench-scale")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      boolean local = jsc.master().startsWith("local[") || jsc.master().equals("local");
      out.printf(Locale.ROOT, "scale benchmark: master %s, batch %d pairs, %d timed steps "
          + "(after %d warm-up), broadcast budget %d MB, D = %d%n", jsc.master(), s.batch,
          s.steps, WARMUP_STEPS, s.budgetMb, s.dims);
      out.printf(Locale.ROOT, "%10s %5s %11s %10s %7s %7s %10s %14s %14s%n", "n", "D",
          "matrix MB", "auto", "blocks", "placed", "ms/step", "driver peak MB",
          "executor peak");
      run(jsc, s.sizes[0], s);
      List<Double> perStep = new ArrayList<>();
      for (int n : s.sizes) {
        Row row = run(jsc, n, s);
        perStep.add(row.msPerStep);
        out.printf(Locale.ROOT, "%10d %5d %11.1f %10s %7d %7s %10.1f %14.0f %14s%n", n, s.dims,
            n * (double) s.dims * 4 / (1 << 20), row.auto.cliName(), row.blocks,
            "part.", row.msPerStep, row.driverPeakMb,
            local ? "same JVM" : "see Spark UI");
      }
      double min = perStep.stream().mapToDouble(Double::doubleValue).min().orElse(1);
      double max = perStep.stream().mapToDouble(Double::doubleValue).max().orElse(1);
      out.printf(Locale.ROOT, "time per step, largest n / smallest n: %.2fx (slowest / fastest "
          + "%.2fx)%n", perStep.get(perStep.size() - 1) / perStep.get(0), max / min);
    } finally {
      spark.stop();
    }
  }

  private record Row(Placement auto, int blocks, double msPerStep, double driverPeakMb) {}

  private static Row run(JavaSparkContext jsc, int n, Settings s) {
    Placement auto = Placement.AUTO.resolve(n, s.dims, s.budgetMb);
    EncodedFeatures features = features(n);
    int blockRows = s.blockRows == 0 ? RepresentationBlocks.defaultBlockRows(s.dims)
        : s.blockRows;
    int count = RepresentationBlocks.blockCount(n, blockRows);
    int dims = s.dims;
    JavaRDD<RowBlock> generated = jsc.parallelize(
            IntStream.range(0, count).boxed().toList(), count)
        .map(b -> block(b, blockRows, n, dims));
    try (RepresentationBlocks blocks =
            RepresentationBlocks.fromBlocks(generated, n, dims, blockRows);
        PartitionedPairSourceFactory sources = new PartitionedPairSourceFactory(jsc, features,
            blocks, NeuralDistance.EUCLIDEAN, 0);
        PairSource source = sources.open(Splits.trainTest(n, 0.2, SEED), SEED)) {
      TrainingConfig base = TrainingConfig.defaults(SEED);
      new Trainer(base.withStopping(WARMUP_STEPS, WARMUP_STEPS))
          .fit(source, s.batch, features.names(), TrainingProgress.NONE);
      System.gc();
      resetPeaks();
      long t0 = System.nanoTime();
      int steps = new Trainer(base.withStopping(s.steps, s.steps))
          .fit(source, s.batch, features.names(), TrainingProgress.NONE).steps();
      double ms = (System.nanoTime() - t0) / 1e6 / steps;
      return new Row(auto, count, ms, peakHeapMb());
    }
  }

  /** Three categorical features of 4, 7 and 12 levels, values from the seed and the row. */
  static EncodedFeatures features(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
    }
    FeatureTable.Builder table = FeatureTable.builder(ids);
    for (int f = 0; f < LEVELS.length; f++) {
      String[] names = new String[LEVELS[f]];
      for (int l = 0; l < names.length; l++) {
        names[l] = "level" + l;
      }
      String[] values = new String[n];
      for (int i = 0; i < n; i++) {
        values[i] = names[(int) PositionalRandom.below(PositionalRandom.mix(SEED, f, i),
            LEVELS[f])];
      }
      table.addStrings("feature" + f, values);
    }
    return FeatureSchema.inferred().encode(table.build());
  }

  /** Block b of the generated matrix: Gaussian values from the seed, the row and the column. */
  static RowBlock block(int b, int blockRows, int n, int dims) {
    int first = b * blockRows;
    int rows = (int) Math.min(n, (long) first + blockRows) - first;
    float[] data = new float[rows * dims];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < dims; c++) {
        data[r * dims + c] = (float) PositionalRandom.gaussian(
            PositionalRandom.mix(SEED, 0xB10CL, first + r, c));
      }
    }
    return new RowBlock(b, first, dims, data);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static double peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (double) (1 << 20);
  }

  /** The parsed arguments. */
  private static final class Settings {
    int[] sizes = {10_000, 100_000, 1_000_000};
    int dims = 64;
    int batch = 20_000;
    int steps = 48;
    int budgetMb = 64;
    int blockRows = 0;
    String master = "local[2]";

    static Settings parse(String[] args) {
      Settings s = new Settings();
      for (int a = 0; a < args.length; a += 2) {
        if (a + 1 >= args.length) {
          throw new IllegalArgumentException("option " + args[a] + " needs a value");
        }
        String v = args[a + 1];
        switch (args[a]) {
          case "--sizes" -> s.sizes = java.util.Arrays.stream(v.split(","))
              .mapToInt(t -> Integer.parseInt(t.trim())).toArray();
          case "--dims" -> s.dims = Integer.parseInt(v);
          case "--batch" -> s.batch = Integer.parseInt(v);
          case "--steps" -> s.steps = Integer.parseInt(v);
          case "--budget-mb" -> s.budgetMb = Integer.parseInt(v);
          case "--block-rows" -> s.blockRows = Integer.parseInt(v);
          case "--master" -> s.master = v;
          default -> throw new IllegalArgumentException("unknown option " + args[a]
              + "; expected --sizes, --dims, --batch, --steps, --budget-mb, --block-rows or "
              + "--master");
        }
      }
      return s;
    }
  }
}
