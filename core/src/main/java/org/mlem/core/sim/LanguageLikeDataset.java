package org.mlem.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A paper-scale synthetic dataset shaped like the MLEM paper's relative-clause dataset (section
 * 2.5.2, Table S1): 12 balanced features and representations resembling a mean-pooled LLM layer
 * in which a few features dominate the geometry. For benchmarks and end-to-end tests; there is
 * no ground-truth W ({@code trueWeights} is null), only the documented effect sizes.
 *
 * <p>Features, in this order (each value drawn uniformly and independently per stimulus):
 * <pre>
 *   feature               values                    kind         effect a_f
 *   relative_clause_type  subject, object           categorical  1.00
 *   attachment_site       peripheral, center        categorical  0.50
 *   subject_number        singular, plural          categorical  0.25
 *   subject_gender        feminine, masculine       categorical  0.02
 *   subject_frequency     4.0, 4.5, 5.0, 5.5        ordinal      0.01
 *   object_number         singular, plural          categorical  0.10
 *   object_gender         feminine, masculine       categorical  0.005
 *   object_frequency      4.0, 4.5, 5.0, 5.5        ordinal      0
 *   embedded_number       singular, plural          categorical  0.05
 *   embedded_gender       feminine, masculine       categorical  0
 *   embedded_frequency    4.0, 4.5, 5.0, 5.5        ordinal      0
 *   verb_lemma            admire, see               categorical  0.15
 * </pre>
 *
 * <p>Representation of stimulus i in R^dims:
 * y_i = sum_f sqrt(a_f) e_f(x_if) + sqrt(a_int) s_rc s_att e_int + noise, where e_f(level) is an
 * independent random Gaussian direction N(0, I / dims) (norm about 1) per level of a categorical
 * feature; for an ordinal feature e_f(x) = ((x - 4) / 1.5) e_f with one direction e_f; the
 * interaction term uses s_rc = +1 for subject and -1 for object, s_att = +1 for peripheral and
 * -1 for center, {@link #INTERACTION_EFFECT} a_int = 0.2 and its own direction (a pure
 * interaction: it adds no main effect); the noise is isotropic N(0, (NOISE_SCALE^2 / dims) I),
 * {@link #NOISE_SCALE} = 0.5. Two stimuli that differ only in a categorical feature f are thus
 * about sqrt(2 a_f) apart before noise. Cost O(n * dims * 12), no pairwise work: n = 7700,
 * dims = 768 takes well under a second. The same seed gives the same dataset bit for bit.
 */
public final class LanguageLikeDataset {
  /** Effect size a_int of the relative_clause_type x attachment_site interaction. */
  public static final double INTERACTION_EFFECT = 0.2;
  /** Expected norm of the isotropic noise vector added to each representation. */
  public static final double NOISE_SCALE = 0.5;

  private static final long STREAM_FEATURES = 21;
  private static final long STREAM_DIRECTIONS = 22;
  private static final long STREAM_NOISE = 23;
  private static final double[] FREQUENCIES = {4.0, 4.5, 5.0, 5.5};

  /** One feature of Table S1: categorical when {@code numbers} is null. */
  private record Spec(String name, String[] categories, double[] numbers, double effect) {
    int levels() {
      return categories != null ? categories.length : numbers.length;
    }
  }

  private static final List<Spec> SPECS = List.of(
      categorical("relative_clause_type", 1.00, "subject", "object"),
      categorical("attachment_site", 0.50, "peripheral", "center"),
      categorical("subject_number", 0.25, "singular", "plural"),
      categorical("subject_gender", 0.02, "feminine", "masculine"),
      ordinal("subject_frequency", 0.01),
      categorical("object_number", 0.10, "singular", "plural"),
      categorical("object_gender", 0.005, "feminine", "masculine"),
      ordinal("object_frequency", 0.0),
      categorical("embedded_number", 0.05, "singular", "plural"),
      categorical("embedded_gender", 0.0, "feminine", "masculine"),
      ordinal("embedded_frequency", 0.0),
      categorical("verb_lemma", 0.15, "admire", "see"));

  private LanguageLikeDataset() {}

  /** The 12 feature names, in column order. */
  public static List<String> featureNames() {
    List<String> names = new ArrayList<>(SPECS.size());
    for (Spec spec : SPECS) {
      names.add(spec.name());
    }
    return Collections.unmodifiableList(names);
  }

  /** The effect size a_f of each feature (see the class description), in column order. */
  public static Map<String, Double> effectSizes() {
    Map<String, Double> effects = new LinkedHashMap<>();
    for (Spec spec : SPECS) {
      effects.put(spec.name(), spec.effect());
    }
    return Collections.unmodifiableMap(effects);
  }

  /**
   * Generates the dataset.
   *
   * @param stimuli the number of stimuli n, >= 1 (paper: about 7700)
   * @param dims the representation length, >= 1 (e.g. 768 for a BERT-base or GPT-2 layer)
   * @param seed the seed of every random draw
   * @return the dataset, ids {@code s0, s1, ...}, {@code trueWeights} null
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static SyntheticDataset generate(int stimuli, int dims, long seed) {
    if (stimuli < 1) {
      throw new IllegalArgumentException("stimuli must be >= 1, found " + stimuli);
    }
    if (dims < 1) {
      throw new IllegalArgumentException("dims must be >= 1, found " + dims);
    }
    if ((long) stimuli * dims > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("stimuli * dims must fit in one array, found "
          + stimuli + " * " + dims);
    }
    int featureCount = SPECS.size();

    // Levels: stimulus-major, so each stimulus's values come from consecutive draws.
    SimRandom featureRandom = new SimRandom(SimRandom.derive(seed, STREAM_FEATURES));
    int[][] levels = new int[featureCount][stimuli];
    for (int i = 0; i < stimuli; i++) {
      for (int f = 0; f < featureCount; f++) {
        levels[f][i] = featureRandom.below(SPECS.get(f).levels());
      }
    }

    // Per feature, one precomputed offset vector sqrt(a_f) e_f(level) per level.
    SimRandom directionRandom = new SimRandom(SimRandom.derive(seed, STREAM_DIRECTIONS));
    double unit = 1.0 / Math.sqrt(dims);
    double[][][] offsets = new double[featureCount][][];
    for (int f = 0; f < featureCount; f++) {
      Spec spec = SPECS.get(f);
      double amplitude = Math.sqrt(spec.effect());
      offsets[f] = new double[spec.levels()][dims];
      if (spec.categories() != null) {
        for (double[] offset : offsets[f]) {
          for (int d = 0; d < dims; d++) {
            offset[d] = amplitude * unit * directionRandom.gaussian();
          }
        }
      } else {
        double[] direction = new double[dims];
        for (int d = 0; d < dims; d++) {
          direction[d] = unit * directionRandom.gaussian();
        }
        for (int l = 0; l < spec.levels(); l++) {
          double position = (spec.numbers()[l] - 4.0) / 1.5;
          for (int d = 0; d < dims; d++) {
            offsets[f][l][d] = amplitude * position * direction[d];
          }
        }
      }
    }
    double[] interaction = new double[dims];
    double interactionAmplitude = Math.sqrt(INTERACTION_EFFECT);
    for (int d = 0; d < dims; d++) {
      interaction[d] = interactionAmplitude * unit * directionRandom.gaussian();
    }

    SimRandom noiseRandom = new SimRandom(SimRandom.derive(seed, STREAM_NOISE));
    double noiseStd = NOISE_SCALE * unit;
    float[] representations = new float[stimuli * dims];
    double[] row = new double[dims];
    for (int i = 0; i < stimuli; i++) {
      // levels 0/1 of the first two features: +1 for subject/peripheral, -1 for object/center
      double sign = (levels[0][i] == levels[1][i]) ? 1.0 : -1.0;
      for (int d = 0; d < dims; d++) {
        row[d] = sign * interaction[d] + noiseStd * noiseRandom.gaussian();
      }
      for (int f = 0; f < featureCount; f++) {
        double[] offset = offsets[f][levels[f][i]];
        for (int d = 0; d < dims; d++) {
          row[d] += offset[d];
        }
      }
      int base = i * dims;
      for (int d = 0; d < dims; d++) {
        representations[base + d] = (float) row[d];
      }
    }

    List<String> ids = new ArrayList<>(stimuli);
    for (int i = 0; i < stimuli; i++) {
      ids.add("s" + i);
    }
    List<SyntheticColumn> columns = new ArrayList<>(featureCount);
    for (int f = 0; f < featureCount; f++) {
      Spec spec = SPECS.get(f);
      if (spec.categories() != null) {
        String[] values = new String[stimuli];
        for (int i = 0; i < stimuli; i++) {
          values[i] = spec.categories()[levels[f][i]];
        }
        columns.add(SyntheticColumn.ofCategories(spec.name(), values));
      } else {
        double[] values = new double[stimuli];
        for (int i = 0; i < stimuli; i++) {
          values[i] = spec.numbers()[levels[f][i]];
        }
        columns.add(SyntheticColumn.ofNumbers(spec.name(), values));
      }
    }
    return new SyntheticDataset(ids, columns, representations, dims, null, describe(stimuli, dims, seed));
  }

  private static String describe(int stimuli, int dims, long seed) {
    StringBuilder text = new StringBuilder("LanguageLikeDataset (shaped like the MLEM paper's "
        + "relative-clause dataset, Table S1): n=" + stimuli + ", dims=" + dims + ", seed=" + seed
        + "; y = sum_f sqrt(a_f) e_f(value) + sqrt(" + INTERACTION_EFFECT
        + ") s_rc s_att e_int + N(0, " + NOISE_SCALE + "^2/dims I); effect sizes a_f:");
    for (Spec spec : SPECS) {
      text.append(' ').append(spec.name()).append('=').append(spec.effect());
    }
    return text.toString();
  }

  private static Spec categorical(String name, double effect, String first, String second) {
    return new Spec(name, new String[] {first, second}, null, effect);
  }

  private static Spec ordinal(String name, double effect) {
    return new Spec(name, null, FREQUENCIES.clone(), effect);
  }
}
