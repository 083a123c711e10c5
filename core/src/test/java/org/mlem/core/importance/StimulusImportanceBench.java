package org.mlem.core.importance;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.sim.LanguageLikeDataset;
import org.mlem.core.sim.SentenceLikeDataset;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.core.train.LocalPairSource;

/**
 * Times stimulus-level importance alone (no fit) on a generated dataset with a fixed metric
 * whose coefficients derive from a seed, and prints the SHA-256 of every double of the result,
 * so that two builds can be compared for identical tables. Not a test (no assertions); run with
 * {@code java -cp core/target/classes:core/target/test-classes:DEPS
 * org.mlem.core.importance.StimulusImportanceBench sentences 644712 2 3 [out.bin]} (dataset
 * {@code sentences} = 3,000 x 384 of {@link SentenceLikeDataset} or {@code paper} = 7,700 x
 * 768; held-out pairs per round; threads; repeats; optional file receiving the raw doubles).
 */
public final class StimulusImportanceBench {
  private StimulusImportanceBench() {}

  /** Runs the timing; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    boolean sentences = args[0].equals("sentences");
    int batch = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int repeats = Integer.parseInt(args[3]);
    EncodedFeatures features;
    Representations reps;
    if (sentences) {
      SentenceLikeDataset.Data data = SentenceLikeDataset.generate(3000, 384, 1);
      features = FeatureSchema.inferred().encode(data.features());
      reps = data.representations();
    } else {
      SyntheticDataset dataset = LanguageLikeDataset.generate(7700, 768, 1);
      features = FeatureSchema.inferred().encode(SyntheticTables.features(dataset));
      reps = SyntheticTables.representations(dataset);
    }
    RepresentationDistances distances = new RepresentationDistances(reps, NeuralDistance.EUCLIDEAN);
    MlemConfig config = MlemConfig.builder().seed(1).interactions(true).permutations(10).build();
    StimulusSplit split = Mlem.with(config).splits(features.size()).get(0);
    int f = features.featureCount();
    double[] w = new double[PhiExpansion.termCount(f, true)];
    for (int k = 0; k < w.length; k++) {
      // a few exact zeros (features without effect), the rest of mixed signs, diagonal positive
      long bits = PositionalRandom.mix(7, 11, k);
      double u = (bits >>> 11) * 0x1.0p-53;
      w[k] = k % 7 == 3 ? 0 : u - 0.3;
    }
    for (int a = 0; a < f; a++) {
      w[PhiExpansion.termIndex(a, a)] = a % 5 == 4 ? 0 : 1 + a * 0.1;
    }
    MetricScorer scorer = new MetricScorer(w, f, true);
    ImportanceConfig importance = new ImportanceConfig(10, batch, false);
    for (int r = 1; r <= repeats; r++) {
      try (LocalPairSource source = new LocalPairSource(features, distances, split, 5, threads)) {
        long t0 = System.nanoTime();
        ImportanceResult result = StimulusImportance.compute(source, features, split, 5, scorer,
            features.layout().featureNames(), true, importance, 9, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
          for (double b : result.baselines()) {
            out.writeDouble(b);
          }
          for (int u = 0; u < result.units().size(); u++) {
            for (double v : result.values(u)) {
              out.writeDouble(v);
            }
          }
        }
        byte[] raw = bytes.toByteArray();
        if (args.length > 4) {
          Files.write(Path.of(args[4]), raw);
        }
        System.out.printf(Locale.ROOT, "run %d: %s, batch %d, %d units x %d permutations,"
            + " %d threads: importance %.2f s, baseline[0] %.6f, sha256 %s%n", r, args[0], batch,
            result.units().size(), result.permutations(), threads, seconds,
            result.baselines()[0], HexFormat.of().formatHex(sha.digest(raw)));
      }
    }
  }
}
