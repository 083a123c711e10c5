package org.mlem.core.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.LanguageLikeDataset;
import org.mlem.core.sim.SentenceLikeDataset;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;

/**
 * The paper-scale benchmark: a generated dataset shaped like the paper's relative-clause data
 * (7,700 stimuli, 768 dims, 12 features of Table S1), MLEM with interactions, 10 permutations
 * over all 78 units. Prints batch size, steps, fit seconds (batch-size estimation included),
 * importance seconds, held-out Spearman and peak heap. Arguments (all optional):
 * {@code stimuli dims seed repeats dataset}, dataset {@code paper} (the default,
 * {@link LanguageLikeDataset}) or {@code sentences} ({@link SentenceLikeDataset}: 24 features with
 * structurally missing values, e.g. {@code 3000 384 1 2 sentences}).
 */
public final class PaperScaleBenchmark {
  private PaperScaleBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) {
    int stimuli = args.length > 0 ? Integer.parseInt(args[0]) : 7700;
    int dims = args.length > 1 ? Integer.parseInt(args[1]) : 768;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;

    boolean sentences = args.length > 4 && args[4].equals("sentences");
    long tg = System.nanoTime();
    EncodedFeatures features;
    Representations reps;
    if (sentences) {
      SentenceLikeDataset.Data data = SentenceLikeDataset.generate(stimuli, dims, seed);
      features = FeatureSchema.inferred().encode(data.features());
      reps = data.representations();
    } else {
      SyntheticDataset dataset = LanguageLikeDataset.generate(stimuli, dims, seed);
      features = FeatureSchema.inferred().encode(SyntheticTables.features(dataset));
      reps = SyntheticTables.representations(dataset);
    }
    RepresentationDistances distances = new RepresentationDistances(reps, NeuralDistance.EUCLIDEAN);
    System.out.printf(Locale.ROOT,
        "dataset: %d stimuli x %d dims, %d features (%s), generated in %.2f s; %d threads%n",
        stimuli, dims, features.featureCount(), String.join(", ", features.names()),
        (System.nanoTime() - tg) / 1e9, Runtime.getRuntime().availableProcessors());
    MlemConfig config = MlemConfig.builder().seed(seed).interactions(true).permutations(10)
        .totalImportance(false).build();
    for (String warning : Mlem.with(config).estimateBatchSize(features).warnings()) {
      System.out.println("batch-size estimation: " + warning);
    }
    for (int r = 1; r <= repeats; r++) {
      resetPeaks();
      MlemAnalysis result = Mlem.with(config).analyze(features, distances);
      FoldResult fold = result.folds().get(0);
      double batchSeconds = result.provenance().timings().getOrDefault("batch_size", 0.0);
      double fitSeconds = batchSeconds + result.provenance().timings().get("fit");
      System.out.printf(Locale.ROOT,
          "run %d: batch size %d, steps %d (best %d), fit %.2f s (batch-size estimation %.2f s),"
              + " importance %.2f s (%d units x %d permutations), held-out Spearman %.4f,"
              + " peak heap %.0f MiB%n",
          r, result.provenance().batchSize(), fold.metric().steps(), fold.metric().bestStep(),
          fitSeconds, batchSeconds, fold.importanceSeconds(),
          fold.importance().map(i -> i.units().size()).orElse(0),
          fold.importance().map(i -> i.permutations()).orElse(0), result.spearman(),
          peakHeapBytes() / (1024.0 * 1024.0));
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peak usage since the last reset. */
  static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }
}
