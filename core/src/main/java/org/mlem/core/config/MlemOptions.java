package org.mlem.core.config;

import java.util.List;
import java.util.Map;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.core.rsa.RsaMeasure;

/**
 * The option table of MLEM's analysis: every setting of the core, with its key, type, default,
 * rule and doc (docs/method.md gives the method behind each). {@link #CONFIG} is what
 * {@code MlemConfig} holds; {@link #DATA} is how the feature table is read and how neural
 * distances are measured. The command line, the config files, the MLlib params and run.json all
 * derive their names, defaults, rules and help from these constants.
 */
public final class MlemOptions {
  private MlemOptions() {}

  /** The smallest explicit batch size: a Spearman over fewer pairs takes at most four values. */
  public static final int MINIMUM_BATCH_SIZE = 4;

  /** The model family. */
  public static final Option<Model> MODEL = Option.of("model",
          ValueType.oneOf(Model::cliName, Model::parse, Model.values()))
      .defaultValue(Model.MLEM).label("MODEL")
      .doc("Model: mlem (an SPD metric W); the paper's gradient-trained baselines frrsa (a "
          + "non-negative diagonal W, an approximation of FR-RSA) and frrsa-i (an unconstrained "
          + "symmetric W with interactions); or FR-RSA as published, frrsa-ridge (fractional "
          + "ridge on the standardized feature RDMs, the fraction chosen by an inner "
          + "stimulus-disjoint cross-validation) and frrsa-ridge-i (with their products).")
      .build();

  /** Whether W has interaction (off-diagonal) terms. */
  public static final Option<Boolean> INTERACTIONS = Option.of("interactions", ValueType.BOOLEAN)
      .defaultValue(true)
      .defaultText("true for mlem, frrsa-i and frrsa-ridge-i, false for frrsa and frrsa-ridge")
      .doc("Interaction (off-diagonal) terms of W.")
      .negation("no-interactions", "No interaction terms (a diagonal W).")
      .build();

  /** How MLEM's metric is kept positive semidefinite. */
  public static final Option<Parametrization> PARAMETRIZATION = Option.of("parametrization",
          ValueType.oneOf(Parametrization::cliName, Parametrization::parse,
              Parametrization.values()))
      .defaultValue(Parametrization.PROJECTED).label("NAME")
      .doc("How MLEM keeps W positive semidefinite: projected (projected gradient on W, cannot "
          + "trap a feature) or cholesky (the paper's W = L L^T).")
      .build();

  /** Soft-rank regularization strength. */
  public static final Option<SoftRankStrength> STRENGTH = Option.of("strength",
          ValueType.text("absolute:EPS or relative:C with a value > 0", SoftRankStrength::parse,
              SoftRankStrength::toString))
      .defaultValue(SoftRankStrength.absolute(1.0)).label("MODE:X")
      .doc("Soft-rank strength of the differentiable Spearman.")
      .build();

  /** AdamW learning rate. */
  public static final Option<Double> LR = Option.of("lr", ValueType.DOUBLE)
      .defaultValue(0.1).validator(Validator.greaterThan(0.0)).label("X")
      .doc("AdamW learning rate.").build();

  /** AdamW first-moment decay. */
  public static final Option<Double> BETA1 = Option.of("beta1", ValueType.DOUBLE)
      .defaultValue(0.9).validator(Validator.halfOpen(0.0, 1.0)).label("X")
      .doc("AdamW decay of the first-moment average.").build();

  /** AdamW second-moment decay. */
  public static final Option<Double> BETA2 = Option.of("beta2", ValueType.DOUBLE)
      .defaultValue(0.999).validator(Validator.halfOpen(0.0, 1.0)).label("X")
      .doc("AdamW decay of the second-moment average.").build();

  /** AdamW epsilon. */
  public static final Option<Double> ADAM_EPSILON = Option.of("adam-epsilon", ValueType.DOUBLE)
      .defaultValue(1e-8).validator(Validator.greaterThan(0.0)).label("X")
      .doc("AdamW epsilon added to the root of the second moment.").build();

  /** AdamW decoupled weight decay. */
  public static final Option<Double> WEIGHT_DECAY = Option.of("weight-decay", ValueType.DOUBLE)
      .defaultValue(0.0).validator(Validator.atLeast(0.0)).label("X")
      .doc("AdamW decoupled weight decay.").build();

  /** The score early stopping watches. */
  public static final Option<StoppingSignal> STOPPING = Option.of("stopping",
          ValueType.oneOf(StoppingSignal::cliName, StoppingSignal::parse,
              StoppingSignal.values()))
      .defaultValue(StoppingSignal.VALIDATION).label("SIGNAL")
      .doc("Score early stopping watches: validation (one fixed batch of training pairs) or "
          + "training (each step's batch, the paper's rule).")
      .build();

  /** Early-stopping patience. */
  public static final Option<Integer> PATIENCE = Option.of("patience", ValueType.INT)
      .defaultValue(50).validator(Validator.atLeast(1)).label("N")
      .doc("Early-stopping patience in steps.").build();

  /** Most training steps. */
  public static final Option<Integer> MAX_STEPS = Option.of("max-steps", ValueType.INT)
      .defaultValue(1000).validator(Validator.atLeast(1)).label("N")
      .doc("Maximum training steps.").build();

  /** Steps whose batches are prepared ahead (a chunk on a cluster, one by one in process). */
  public static final Option<Integer> PREFETCH_STEPS = Option.of("prefetch-steps", ValueType.INT)
      .defaultValue(8).validator(Validator.atLeast(1)).label("N")
      .doc("Training steps whose batches are prepared ahead of the step that trains: on a "
          + "cluster, the next chunk of N is computed while the current one trains; in process, "
          + "batches are built one by one up to N steps ahead.")
      .build();

  /** The run seed. */
  public static final Option<Long> SEED = Option.of("seed", ValueType.LONG)
      .defaultValue(0L).label("N")
      .doc("Run seed: every random draw derives from it and a position.").build();

  /** Pairs per batch ("auto" = 0 = estimated). */
  public static final Option<Integer> BATCH_SIZE = Option.of("batch-size", new ValueType<Integer>(
          ValueType.Shape.INT, "an integer or auto") {
        @Override
        public Integer parse(String text) {
          if (text != null && text.trim().equalsIgnoreCase("auto")) {
            return 0;
          }
          try {
            return Integer.valueOf(text == null ? "" : text.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer or auto, found '" + text + "'");
          }
        }

        @Override
        public Integer fromYaml(Object value) {
          return value instanceof String s ? parse(s) : ValueType.INT.fromYaml(value);
        }

        @Override
        public String format(Integer value) {
          return value == 0 ? "auto" : value.toString();
        }

        @Override
        public Object toParam(Integer value) {
          return value;
        }
      })
      .defaultValue(0)
      .validator(new Validator<>(v -> v == 0 || v >= MINIMUM_BATCH_SIZE,
          "auto (0) or >= " + MINIMUM_BATCH_SIZE))
      .label("N")
      .doc("Pairs per batch, or auto to estimate it from the features (paper, Appendix C); a "
          + "Spearman over fewer than " + MINIMUM_BATCH_SIZE + " pairs means nothing.")
      .build();

  /** Held-out fraction of one split. */
  public static final Option<Double> TEST_FRACTION = Option.of("test-fraction", ValueType.DOUBLE)
      .defaultValue(0.2).validator(Validator.openInterval(0.0, 1.0)).label("X")
      .doc("Held-out fraction of stimuli of the single train/test split.").build();

  /** Cross-validation folds. */
  public static final Option<Integer> FOLDS = Option.of("folds", ValueType.INT)
      .defaultValue(0).validator(Validator.zeroOrAtLeast(2, "one train/test split")).label("K")
      .doc("K-fold cross-validation instead of one train/test split.").build();

  /** The smallest explicit training subsample: a Spearman needs pairs of at least 4 stimuli. */
  public static final int MINIMUM_TRAIN_SIZE = 4;

  /** Training stimuli kept per split ("all" = 0 = every training stimulus). */
  public static final Option<Integer> TRAIN_SIZE = Option.of("train-size", new ValueType<Integer>(
          ValueType.Shape.INT, "an integer or all") {
        @Override
        public Integer parse(String text) {
          if (text != null && text.trim().equalsIgnoreCase("all")) {
            return 0;
          }
          try {
            return Integer.valueOf(text == null ? "" : text.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer or all, found '" + text + "'");
          }
        }

        @Override
        public Integer fromYaml(Object value) {
          return value instanceof String s ? parse(s) : ValueType.INT.fromYaml(value);
        }

        @Override
        public String format(Integer value) {
          return value == 0 ? "all" : value.toString();
        }

        @Override
        public Object toParam(Integer value) {
          return value;
        }
      })
      .defaultValue(0)
      .validator(new Validator<>(v -> v == 0 || v >= MINIMUM_TRAIN_SIZE,
          "all (0) or >= " + MINIMUM_TRAIN_SIZE))
      .label("N")
      .doc("Subsample each split's training stimuli to N (drawn from the run seed and the "
          + "split's position; the test stimuli stay the same whatever N), or all.")
      .build();

  /** Permutations per importance unit. */
  public static final Option<Integer> PERMUTATIONS = Option.of("permutations", ValueType.INT)
      .defaultValue(10).validator(new Validator<>(v -> v >= 0, ">= 0 (0 skips importance)"))
      .label("P").doc("Permutations per importance unit.").build();

  /** Whether total importance per feature is computed. */
  public static final Option<Boolean> TOTAL_IMPORTANCE = Option.of("total-importance",
          ValueType.BOOLEAN)
      .defaultValue(true)
      .doc("Total importance per feature (term-level importance only).")
      .negation("no-total-importance", "Skip the total importance per feature.")
      .build();

  /** Which permutation importance. */
  public static final Option<ImportanceKind> IMPORTANCE = Option.of("importance",
          ValueType.oneOf(ImportanceKind::cliName, ImportanceKind::parse,
              ImportanceKind.values()))
      .defaultValue(ImportanceKind.STIMULUS).label("KIND")
      .doc("Permutation importance: stimulus (shuffle a feature's values across held-out "
          + "stimuli; main and interaction effects) or term (the paper's: shuffle one term of W "
          + "across held-out pairs; plus totals).")
      .build();

  /** Held-out batches averaged for the scores. */
  public static final Option<Integer> EVALUATION_BATCHES = Option.of("evaluation-batches",
          ValueType.INT)
      .defaultValue(5).validator(Validator.atLeast(1)).label("N")
      .doc("Held-out batches averaged for the scores.").build();

  /** How held-out evaluation and permutation importance score predictions. */
  public static final Option<Scoring> SCORING = Option.of("scoring",
          ValueType.oneOf(Scoring::cliName, Scoring::parse, Scoring.values()))
      .defaultValue(Scoring.SPEARMAN).label("NAME")
      .doc("Score of held-out evaluation and permutation importance: spearman (exact, "
          + "tie-aware), pearson (of the predicted distances) or mse (after an affine map "
          + "fitted on training pairs; importance = its increase). Training is unchanged.")
      .build();

  /** Worker threads of the core engine. */
  public static final Option<Integer> THREADS = Option.of("threads", ValueType.INT)
      .defaultText("every core").validator(Validator.atLeast(1)).label("N")
      .doc("Worker threads of the in-process engine.").build();

  /** The neural distance. */
  public static final Option<NeuralDistance> DISTANCE = Option.of("distance",
          ValueType.oneOf(NeuralDistance::cliName, NeuralDistance::parse,
              NeuralDistance.values()))
      .defaultValue(NeuralDistance.EUCLIDEAN).label("NAME")
      .doc("Distance between neural representations.").build();

  /** The stimulus id column. */
  public static final Option<String> ID_COLUMN = Option.of("id-column", ValueType.TEXT)
      .defaultValue("id").validator(Validator.notBlank("a column name (not blank)"))
      .label("NAME").paramName("idCol")
      .doc("Stimulus id column of the tables (ids are compared as text and must be unique).")
      .build();

  /** The feature columns used, in W's order. */
  public static final Option<List<String>> FEATURE_COLUMNS = Option.of("feature-columns",
          ValueType.NAMES)
      .defaultText("every column but the id").label("A,B,C").paramName("featureCols")
      .doc("Feature columns to use, in W's order.").build();

  /** Feature kind overrides. */
  public static final Option<Map<String, FeatureKind>> KINDS = Option.of("kinds",
          ValueType.pairs(ValueType.oneOf(k -> k.name().toLowerCase(java.util.Locale.ROOT),
              FeatureKind::parse, FeatureKind.values()), "size=ordinal,color=categorical"))
      .defaultText("inferred from each column's type").label("NAME=KIND,...")
      .doc("Feature kind overrides: categorical, ordinal, vector or simplex (a C-level "
          + "categorical feature as C - 1 coordinates of a unit simplex, so W can say which "
          + "levels are far apart).").build();

  /** Feature distance of a missing value. */
  public static final Option<Double> MISSING_DISTANCE = Option.of("missing-distance",
          ValueType.DOUBLE)
      .defaultValue(0.0).validator(Validator.closedInterval(0.0, 1.0)).label("X")
      .doc("Feature distance when a value is missing.").build();

  /** How {@code mlem rsa} compares two RDMs. */
  public static final Option<RsaMeasure> RSA_MEASURE = Option.of("rsa-measure",
          ValueType.oneOf(RsaMeasure::cliName, RsaMeasure::parse, RsaMeasure.values()))
      .defaultValue(RsaMeasure.SPEARMAN).label("MEASURE")
      .doc("RSA: correlation of two sets' RDMs on their shared pairs: spearman (average ranks "
          + "for ties) or kendall-tau-a (tied pairs count as neither concordant nor discordant; "
          + "slower, O(P log P) per pair of sets and resample).")
      .build();

  /** Stimulus-bootstrap resamples of {@code mlem rsa}. */
  public static final Option<Integer> BOOTSTRAP = Option.of("bootstrap", ValueType.INT)
      .defaultValue(1000).validator(new Validator<>(v -> v >= 0, ">= 0 (0 = no interval)"))
      .label("B")
      .doc("RSA: stimulus-bootstrap resamples behind each correlation's 95% percentile "
          + "interval (stimuli drawn with replacement; pairs of a stimulus with itself dropped).")
      .build();

  /** The pair budget of {@code mlem rsa}. */
  public static final Option<Integer> MAX_PAIRS = Option.of("max-pairs", ValueType.INT)
      .defaultValue(50_000).validator(new Validator<>(v -> v >= 6 && v <= 5_000_000,
          "in [6, 5000000]"))
      .label("P")
      .doc("RSA: all n(n-1)/2 pairs of the common stimuli when they are at most P, else a "
          + "seeded sample of P distinct pairs, the same for every set.")
      .build();

  /** What {@code MlemConfig} holds. */
  public static final OptionTable CONFIG = OptionTable.of(MODEL, INTERACTIONS, PARAMETRIZATION,
      STRENGTH, LR, BETA1, BETA2, ADAM_EPSILON, WEIGHT_DECAY, STOPPING, PATIENCE, MAX_STEPS,
      PREFETCH_STEPS, SEED, BATCH_SIZE, TEST_FRACTION, FOLDS, TRAIN_SIZE, PERMUTATIONS,
      TOTAL_IMPORTANCE, IMPORTANCE, EVALUATION_BATCHES, SCORING, THREADS);

  /** How the features are read and the neural distances measured. */
  public static final OptionTable DATA =
      OptionTable.of(DISTANCE, ID_COLUMN, FEATURE_COLUMNS, KINDS, MISSING_DISTANCE);

  /** What {@code mlem rsa} computes with (besides the inputs): measure, bootstrap, pairs. */
  public static final OptionTable RSA =
      OptionTable.of(RSA_MEASURE, BOOTSTRAP, MAX_PAIRS, DISTANCE, SEED, THREADS);
}
