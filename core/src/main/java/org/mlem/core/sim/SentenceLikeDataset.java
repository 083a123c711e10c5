package org.mlem.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureTable;

/**
 * A dataset shaped like real annotated sentences under a transformer layer: 24 linguistic
 * features of mixed kinds, a third of them missing for 30-80% of the stimuli because the
 * sentence has no such constituent, several correlated, and representations in which a few
 * features dominate. It exists to benchmark and test the regime such data puts the method in
 * (sparse, structurally missing and correlated features make the batch-size search and the
 * training batches large); there is no ground-truth W.
 *
 * <p>Per stimulus (independent draws from the seed):
 * <ul>
 *   <li>an object with probability 0.55 and a relative clause with probability 0.35; the 4
 *       object features are missing without an object (45% missing), the 4 relative-clause
 *       features without a relative clause (65% missing);
 *   <li>10 categorical features with 2-6 levels, some unbalanced (a level of probability 0.05);
 *       {@code verb_number} copies {@code subject_number} except for 10% of stimuli;
 *   <li>6 numeric features: frequencies (4.0-5.5 in steps of 0.5), length (5-30 words) and
 *       depth (1-6), depth = round(length / 6) plus noise (correlated with length), surprisal.
 * </ul>
 * Representation: y_i = sum_f sqrt(a_f) e_f(x_if) + noise as in {@link LanguageLikeDataset}
 * (a missing value adds nothing), effects 1.0 for {@code has_relative_clause} and
 * {@code rc_type}, 0.5 for {@code sentence_type}, 0.3 for {@code subject_number}, 0.2 for
 * length, 0.1 for a few others and 0 for the rest; isotropic noise of norm 0.5.
 */
public final class SentenceLikeDataset {
  private static final long STREAM_FEATURES = 31;
  private static final long STREAM_DIRECTIONS = 32;
  private static final long STREAM_NOISE = 33;
  private static final double NOISE_SCALE = 0.5;
  private static final double HAS_OBJECT = 0.55;
  private static final double HAS_RELATIVE_CLAUSE = 0.35;

  /**
   * The generated features and representations, and the features as a CSV file holds them (a
   * header {@code id,<feature>...}, one row per stimulus in the representations' order, a missing
   * value as an empty cell), for benchmarks that read their inputs from files as a user would.
   */
  public record Data(FeatureTable features, Representations representations, String featuresCsv) {}

  private SentenceLikeDataset() {}

  /**
   * Generates the dataset.
   *
   * @param stimuli n, >= 2
   * @param dims representation length, >= 1
   * @param seed seed of every draw; the same seed gives the same data bit for bit
   */
  public static Data generate(int stimuli, int dims, long seed) {
    if (stimuli < 2 || dims < 1) {
      throw new IllegalArgumentException(
          "need stimuli >= 2 and dims >= 1, found " + stimuli + " and " + dims);
    }
    SimRandom r = new SimRandom(SimRandom.derive(seed, STREAM_FEATURES));
    List<Column> columns = new ArrayList<>();
    Column hasObject = categorical("has_object", 0.1, "no", "yes");
    Column hasRc = categorical("has_relative_clause", 1.0, "no", "yes");
    Column sentenceType = categorical("sentence_type", 0.5, "declarative", "question",
        "imperative");
    Column tense = categorical("tense", 0.1, "past", "present", "future");
    Column voice = categorical("voice", 0.05, "active", "passive");
    Column negation = categorical("negation", 0.0, "no", "yes");
    Column subjectNumber = categorical("subject_number", 0.3, "singular", "plural");
    Column subjectGender = categorical("subject_gender", 0.02, "feminine", "masculine");
    Column verbNumber = categorical("verb_number", 0.0, "singular", "plural");
    Column verbLemma = categorical("verb_lemma", 0.1, "see", "admire", "know", "love", "help",
        "push");
    Column objectNumber = categorical("object_number", 0.1, "singular", "plural");
    Column objectGender = categorical("object_gender", 0.0, "feminine", "masculine");
    Column objectAnimacy = categorical("object_animacy", 0.05, "animate", "inanimate");
    Column rcType = categorical("rc_type", 1.0, "subject", "object");
    Column attachment = categorical("attachment_site", 0.1, "peripheral", "center");
    Column embeddedNumber = categorical("embedded_number", 0.05, "singular", "plural");
    Column determiner = categorical("determiner", 0.0, "the", "a", "this", "every");
    Column subjectFrequency = numeric("subject_frequency", 0.0);
    Column verbFrequency = numeric("verb_frequency", 0.02);
    Column objectFrequency = numeric("object_frequency", 0.0);
    Column length = numeric("length", 0.2);
    Column depth = numeric("depth", 0.05);
    Column surprisal = numeric("surprisal", 0.0);
    Column embeddedFrequency = numeric("embedded_frequency", 0.0);
    columns.addAll(List.of(hasObject, hasRc, sentenceType, tense, voice, negation,
        subjectNumber, subjectGender, verbNumber, verbLemma, objectNumber, objectGender,
        objectAnimacy, rcType, attachment, embeddedNumber, determiner, subjectFrequency,
        verbFrequency, objectFrequency, length, depth, surprisal, embeddedFrequency));
    for (Column c : columns) {
      c.allocate(stimuli);
    }
    for (int i = 0; i < stimuli; i++) {
      boolean object = r.uniform() < HAS_OBJECT;
      boolean rc = r.uniform() < HAS_RELATIVE_CLAUSE;
      hasObject.level[i] = object ? 1 : 0;
      hasRc.level[i] = rc ? 1 : 0;
      sentenceType.level[i] = skewed(r, 0.8, 0.15);
      tense.level[i] = r.below(3);
      voice.level[i] = r.uniform() < 0.1 ? 1 : 0;
      negation.level[i] = r.uniform() < 0.05 ? 1 : 0;
      subjectNumber.level[i] = r.below(2);
      subjectGender.level[i] = r.below(2);
      verbNumber.level[i] = r.uniform() < 0.1 ? 1 - subjectNumber.level[i] : subjectNumber.level[i];
      verbLemma.level[i] = r.below(6);
      objectNumber.level[i] = object ? r.below(2) : -1;
      objectGender.level[i] = object ? r.below(2) : -1;
      objectAnimacy.level[i] = object ? (r.uniform() < 0.3 ? 1 : 0) : -1;
      rcType.level[i] = rc ? r.below(2) : -1;
      attachment.level[i] = rc ? r.below(2) : -1;
      embeddedNumber.level[i] = rc ? r.below(2) : -1;
      determiner.level[i] = skewed(r, 0.6, 0.3) + (r.uniform() < 0.05 ? 1 : 0);
      subjectFrequency.number[i] = 4.0 + 0.5 * r.below(4);
      verbFrequency.number[i] = 4.0 + 0.5 * r.below(4);
      objectFrequency.number[i] = object ? 4.0 + 0.5 * r.below(4) : Double.NaN;
      double words = 5 + r.below(10) + (object ? 3 + r.below(4) : 0) + (rc ? 5 + r.below(7) : 0);
      length.number[i] = words;
      depth.number[i] = Math.max(1, Math.min(6, Math.round(words / 6.0) + r.below(3) - 1));
      surprisal.number[i] = Math.round(20.0 * r.uniform()) / 2.0;
      embeddedFrequency.number[i] = rc ? 4.0 + 0.5 * r.below(4) : Double.NaN;
    }

    List<String> ids = new ArrayList<>(stimuli);
    for (int i = 0; i < stimuli; i++) {
      ids.add("sentence" + i);
    }
    FeatureTable.Builder table = FeatureTable.builder(ids);
    for (Column c : columns) {
      c.addTo(table);
    }

    SimRandom directions = new SimRandom(SimRandom.derive(seed, STREAM_DIRECTIONS));
    double unit = 1.0 / Math.sqrt(dims);
    double[][][] offsets = new double[columns.size()][][];
    for (int f = 0; f < columns.size(); f++) {
      Column c = columns.get(f);
      double amplitude = Math.sqrt(c.effect);
      int levels = c.levels == null ? 1 : c.levels.length;
      offsets[f] = new double[levels][dims];
      for (double[] offset : offsets[f]) {
        for (int d = 0; d < dims; d++) {
          offset[d] = amplitude * unit * directions.gaussian();
        }
      }
    }
    SimRandom noise = new SimRandom(SimRandom.derive(seed, STREAM_NOISE));
    double noiseStd = NOISE_SCALE * unit;
    float[] data = new float[stimuli * dims];
    double[] row = new double[dims];
    for (int i = 0; i < stimuli; i++) {
      for (int d = 0; d < dims; d++) {
        row[d] = noiseStd * noise.gaussian();
      }
      for (int f = 0; f < columns.size(); f++) {
        Column c = columns.get(f);
        if (c.levels != null) {
          if (c.level[i] >= 0) {
            add(row, offsets[f][c.level[i]], 1.0);
          }
        } else if (!Double.isNaN(c.number[i])) {
          add(row, offsets[f][0], c.scaled(i));
        }
      }
      for (int d = 0; d < dims; d++) {
        data[i * dims + d] = (float) row[d];
      }
    }
    return new Data(table.build(), Representations.of(ids, data, dims), csv(ids, columns));
  }

  private static String csv(List<String> ids, List<Column> columns) {
    StringBuilder csv = new StringBuilder("id");
    for (Column c : columns) {
      csv.append(',').append(c.name);
    }
    csv.append('\n');
    for (int i = 0; i < ids.size(); i++) {
      csv.append(ids.get(i));
      for (Column c : columns) {
        csv.append(',');
        if (c.levels != null) {
          if (c.level[i] >= 0) {
            csv.append(c.levels[c.level[i]]);
          }
        } else if (!Double.isNaN(c.number[i])) {
          csv.append(c.number[i]);
        }
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  private static void add(double[] row, double[] offset, double scale) {
    for (int d = 0; d < row.length; d++) {
      row[d] += scale * offset[d];
    }
  }

  /** Level 0 with probability p0, 1 with p1, else 2. */
  private static int skewed(SimRandom r, double p0, double p1) {
    double u = r.uniform();
    return u < p0 ? 0 : (u < p0 + p1 ? 1 : 2);
  }

  private static Column categorical(String name, double effect, String... levels) {
    return new Column(name, effect, levels);
  }

  private static Column numeric(String name, double effect) {
    return new Column(name, effect, null);
  }

  /** One feature being generated: levels (-1 = missing) or numbers (NaN = missing). */
  private static final class Column {
    final String name;
    final double effect;
    final String[] levels;
    int[] level;
    double[] number;
    private double[] range;

    Column(String name, double effect, String[] levels) {
      this.name = name;
      this.effect = effect;
      this.levels = levels;
    }

    void allocate(int n) {
      if (levels != null) {
        level = new int[n];
      } else {
        number = new double[n];
      }
    }

    /** The numeric value min-max scaled to [0, 1] over the observed values. */
    double scaled(int i) {
      if (range == null) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : number) {
          if (!Double.isNaN(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        range = new double[] {min, max};
      }
      return range[1] > range[0] ? (number[i] - range[0]) / (range[1] - range[0]) : 0.0;
    }

    void addTo(FeatureTable.Builder table) {
      if (levels != null) {
        String[] values = new String[level.length];
        for (int i = 0; i < values.length; i++) {
          values[i] = level[i] < 0 ? null : levels[level[i]];
        }
        table.addStrings(name, values);
      } else {
        table.addNumbers(name, number.clone());
      }
    }
  }
}
