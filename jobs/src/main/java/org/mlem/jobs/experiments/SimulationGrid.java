package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlem.core.api.MlemConfig;

/**
 * The settings of the simulation study (paper section 2.5.1, docs/method.md section 8): dataset
 * sizes, the noise levels, seeds 1..K, and the model variants, each fitted on the same dataset
 * per noise level and seed with an 80/20 train/test split.
 *
 * @param stimuli stimuli per dataset n, >= 10
 * @param features binary features F, >= 2
 * @param dims representation length, in [1, stimuli]
 * @param noise noise levels, distinct, finite, >= 0, at least one, including 0 (the reference
 *     of the weighted tau)
 * @param seeds the number of seeds K (seeds 1..K), >= 1
 * @param variants model variants (model x strength), distinct, at least one
 * @param permutations permutations per importance unit, >= 1
 * @param maxSteps the most training steps per fit, >= 1 (the core's default 1000)
 * @param patience early-stopping patience in steps, >= 1 (the core's default 50)
 */
public record SimulationGrid(
    int stimuli, int features, int dims, List<Double> noise, int seeds,
    List<ModelVariant> variants, int permutations, int maxSteps, int patience) {

  /** The held-out fraction of every fit (the paper's 80/20 split). */
  public static final double TEST_FRACTION = 0.2;

  /** Validates every field; messages name the option. */
  public SimulationGrid {
    if (stimuli < 10) {
      throw new IllegalArgumentException("--stimuli must be >= 10, found " + stimuli);
    }
    if (features < 2) {
      throw new IllegalArgumentException("--features must be >= 2, found " + features);
    }
    if (dims < 1 || dims > stimuli) {
      throw new IllegalArgumentException("--dims must be in [1, --stimuli] = [1, " + stimuli
          + "], found " + dims);
    }
    noise = List.copyOf(noise);
    if (noise.isEmpty()) {
      throw new IllegalArgumentException("--noise must list at least one level");
    }
    Set<Double> seen = new HashSet<>();
    for (double level : noise) {
      if (!Double.isFinite(level) || level < 0) {
        throw new IllegalArgumentException(
            "--noise levels must be finite and >= 0, found " + level);
      }
      if (!seen.add(level)) {
        throw new IllegalArgumentException("--noise lists the level " + level + " twice");
      }
    }
    if (!seen.contains(0.0)) {
      throw new IllegalArgumentException("--noise must include 0 (the noiseless reference of "
          + "the weighted tau), found " + noise);
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, found " + seeds);
    }
    variants = List.copyOf(variants);
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("--models and --strengths must each name at least one");
    }
    if (new HashSet<>(variants).size() != variants.size()) {
      throw new IllegalArgumentException("--models or --strengths name a value twice: "
          + variants);
    }
    if (permutations < 1) {
      throw new IllegalArgumentException("--permutations must be >= 1, found " + permutations);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("--max-steps must be >= 1, found " + maxSteps);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("--patience must be >= 1, found " + patience);
    }
  }

  /**
   * The configuration of one fit on the dataset of the given seed: 80/20 split, run seed =
   * dataset seed, this grid's permutations (no total importance), steps and patience, one
   * thread; the variant then sets the model and strength.
   */
  public MlemConfig fitConfig(ModelVariant variant, int seed) {
    return variant.configure(MlemConfig.builder().seed(seed).testFraction(TEST_FRACTION)
        .permutations(permutations).totalImportance(false).maxSteps(maxSteps).patience(patience)
        .threads(1).build());
  }

  /** Every (noise level, seed) dataset of the grid, noise-major, seeds 1..K. */
  public List<DatasetKey> datasets() {
    List<DatasetKey> keys = new ArrayList<>();
    for (double level : noise) {
      for (int seed = 1; seed <= seeds; seed++) {
        keys.add(new DatasetKey(level, seed));
      }
    }
    return keys;
  }

  /** The number of fits: datasets x variants. */
  public int runCount() {
    return noise.size() * seeds * variants.size();
  }

  /** The settings as JSON-ready values (for simulate.json). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stimuli", stimuli);
    m.put("features", features);
    m.put("dims", dims);
    m.put("noise", noise);
    m.put("seeds", seeds);
    m.put("models", variants.stream().map(ModelVariant::modelName).distinct()
        .collect(Collectors.toList()));
    m.put("strengths", variants.stream().map(v -> v.strength().toString()).distinct()
        .collect(Collectors.toList()));
    m.put("permutations", permutations);
    m.put("max_steps", maxSteps);
    m.put("patience", patience);
    m.put("test_fraction", TEST_FRACTION);
    return m;
  }

  /**
   * One dataset of the grid.
   *
   * @param noise the noise level
   * @param seed the seed (1..K) of the dataset and of every fit on it
   */
  public record DatasetKey(double noise, int seed) {}
}
