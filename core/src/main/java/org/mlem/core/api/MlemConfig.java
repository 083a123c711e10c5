package org.mlem.core.api;

import java.util.Map;
import java.util.Objects;
import org.mlem.core.batchsize.BatchSizeConfig;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.Settings;
import org.mlem.core.evaluation.HeldOutEvaluation;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.importance.ImportanceConfig;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.AdamWConfig;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.core.train.TrainingConfig;

/**
 * Everything one MLEM analysis needs besides the data: training, batch size, evaluation split,
 * permutation importance and threads. Immutable and validated at construction; build it with
 * {@link #builder()} or from the option table's settings ({@link #fromSettings}); every field's
 * key, default, rule and doc are declared once in {@link MlemOptions}, from which the command
 * line, the config files and the MLlib params derive theirs ({@link #toMap()} and
 * {@link #fromMap} round-trip it).
 *
 * @param training model, interactions, soft-rank strength, optimizer, stopping, seed
 * @param batchSize pairs per batch, or 0 to estimate it from the features (paper, Appendix C)
 * @param batchSizeSearch settings of that estimation
 * @param testFraction fraction of stimuli held out when {@code folds} is 0, in (0, 1) (0.2)
 * @param folds number of cross-validation folds, 0 for a single train/test split, else >= 2
 * @param trainSize training stimuli kept per split, 0 for all (the default), else >= 4: a
 *     subsample drawn from the seed and the split's position, test stimuli unchanged
 * @param permutations permutations per importance unit, >= 1 (10); 0 skips importance
 * @param totalImportance whether to also compute total importance per feature (true; term-level
 *     importance only)
 * @param importance which permutation importance: stimulus-level (default) or term-level
 * @param evaluationBatches held-out batches averaged for the scores, >= 1 (5)
 * @param scoring the score of held-out evaluation and permutation importance (spearman)
 * @param threads worker threads, >= 1 (every core)
 */
public record MlemConfig(
    TrainingConfig training,
    int batchSize,
    BatchSizeConfig batchSizeSearch,
    double testFraction,
    int folds,
    int trainSize,
    int permutations,
    boolean totalImportance,
    ImportanceKind importance,
    int evaluationBatches,
    Scoring scoring,
    int threads) {

  /** Validates every field against the option table ({@link MlemOptions}). */
  public MlemConfig {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(batchSizeSearch, "batchSizeSearch");
    Objects.requireNonNull(importance, "importance");
    Objects.requireNonNull(scoring, "scoring");
    MlemOptions.BATCH_SIZE.check(batchSize);
    MlemOptions.TEST_FRACTION.check(testFraction);
    MlemOptions.FOLDS.check(folds);
    MlemOptions.TRAIN_SIZE.check(trainSize);
    MlemOptions.PERMUTATIONS.check(permutations);
    MlemOptions.EVALUATION_BATCHES.check(evaluationBatches);
    MlemOptions.THREADS.check(threads);
  }

  /**
   * A configuration from settings of {@link MlemOptions#CONFIG} (options not given take their
   * defaults; other options are ignored).
   *
   * @throws IllegalArgumentException if the values contradict each other (e.g. frrsa with
   *     interactions given)
   */
  public static MlemConfig fromSettings(Settings s) {
    Builder b = builder();
    Model model = s.get(MlemOptions.MODEL);
    b.model(model);
    b.interactions(s.has(MlemOptions.INTERACTIONS) ? s.get(MlemOptions.INTERACTIONS)
        : model.defaultInteractions());
    b.parametrization(s.get(MlemOptions.PARAMETRIZATION));
    b.strength(s.get(MlemOptions.STRENGTH));
    b.optimizer(new AdamWConfig(s.get(MlemOptions.LR), s.get(MlemOptions.BETA1),
        s.get(MlemOptions.BETA2), s.get(MlemOptions.ADAM_EPSILON),
        s.get(MlemOptions.WEIGHT_DECAY)));
    b.stopping(s.get(MlemOptions.STOPPING));
    b.patience(s.get(MlemOptions.PATIENCE));
    b.maxSteps(s.get(MlemOptions.MAX_STEPS));
    b.prefetchSteps(s.get(MlemOptions.PREFETCH_STEPS));
    b.seed(s.get(MlemOptions.SEED));
    b.batchSize(s.get(MlemOptions.BATCH_SIZE));
    b.testFraction(s.get(MlemOptions.TEST_FRACTION));
    b.folds(s.get(MlemOptions.FOLDS));
    b.trainSize(s.get(MlemOptions.TRAIN_SIZE));
    b.permutations(s.get(MlemOptions.PERMUTATIONS));
    b.totalImportance(s.get(MlemOptions.TOTAL_IMPORTANCE));
    b.importance(s.get(MlemOptions.IMPORTANCE));
    b.evaluationBatches(s.get(MlemOptions.EVALUATION_BATCHES));
    b.scoring(s.get(MlemOptions.SCORING));
    if (s.has(MlemOptions.THREADS)) {
      b.threads(s.get(MlemOptions.THREADS));
    }
    return b.build();
  }

  /**
   * A configuration from text values by key (as {@link #toMap()} writes them, e.g. read back
   * from run.json).
   *
   * @throws IllegalArgumentException naming an unknown key (with the valid ones) or a bad value
   */
  public static MlemConfig fromMap(Map<String, String> values) {
    return fromSettings(Settings.fromText(MlemOptions.CONFIG, values, "configuration"));
  }

  /** Every setting of this configuration, one value per option of {@link MlemOptions#CONFIG}. */
  public Settings toSettings() {
    return Settings.empty()
        .with(MlemOptions.MODEL, training.model())
        .with(MlemOptions.INTERACTIONS, training.interactions())
        .with(MlemOptions.PARAMETRIZATION, training.parametrization())
        .with(MlemOptions.STRENGTH, training.strength())
        .with(MlemOptions.LR, training.optimizer().learningRate())
        .with(MlemOptions.BETA1, training.optimizer().beta1())
        .with(MlemOptions.BETA2, training.optimizer().beta2())
        .with(MlemOptions.ADAM_EPSILON, training.optimizer().epsilon())
        .with(MlemOptions.WEIGHT_DECAY, training.optimizer().weightDecay())
        .with(MlemOptions.STOPPING, training.stopping())
        .with(MlemOptions.PATIENCE, training.patience())
        .with(MlemOptions.MAX_STEPS, training.maxSteps())
        .with(MlemOptions.PREFETCH_STEPS, training.prefetchSteps())
        .with(MlemOptions.SEED, training.seed())
        .with(MlemOptions.BATCH_SIZE, batchSize)
        .with(MlemOptions.TEST_FRACTION, testFraction)
        .with(MlemOptions.FOLDS, folds)
        .with(MlemOptions.TRAIN_SIZE, trainSize)
        .with(MlemOptions.PERMUTATIONS, permutations)
        .with(MlemOptions.TOTAL_IMPORTANCE, totalImportance)
        .with(MlemOptions.IMPORTANCE, importance)
        .with(MlemOptions.EVALUATION_BATCHES, evaluationBatches)
        .with(MlemOptions.SCORING, scoring)
        .with(MlemOptions.THREADS, threads);
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = training.model();
    b.interactions = training.interactions();
    b.parametrization = training.parametrization();
    b.strength = training.strength();
    b.optimizer = training.optimizer();
    b.stopping = training.stopping();
    b.patience = training.patience();
    b.maxSteps = training.maxSteps();
    b.prefetchSteps = training.prefetchSteps();
    b.seed = training.seed();
    b.batchSize = batchSize;
    b.batchSizeSearch = batchSizeSearch;
    b.testFraction = testFraction;
    b.folds = folds;
    b.trainSize = trainSize;
    b.permutations = permutations;
    b.totalImportance = totalImportance;
    b.importance = importance;
    b.evaluationBatches = evaluationBatches;
    b.scoring = scoring;
    b.threads = threads;
    return b;
  }

  /**
   * The importance settings for a given batch size.
   *
   * @throws IllegalStateException when importance is skipped ({@code permutations} 0)
   */
  public ImportanceConfig importance(int resolvedBatchSize) {
    if (permutations == 0) {
      throw new IllegalStateException("importance is skipped: permutations is 0");
    }
    return new ImportanceConfig(permutations, resolvedBatchSize,
        importance == ImportanceKind.TERM && totalImportance, importance);
  }

  /**
   * Every setting as flat key/value text, keys as on the command line (provenance);
   * {@link #fromMap} reads it back to an equal configuration.
   */
  public Map<String, String> toMap() {
    return toSettings().toMap();
  }

  /** Fluent builder; every setter validates when {@link #build()} runs. */
  public static final class Builder {
    private Model model = MlemOptions.MODEL.defaultValue();
    private boolean interactions = MlemOptions.INTERACTIONS.defaultValue();
    private Parametrization parametrization = TrainingConfig.DEFAULT_PARAMETRIZATION;
    private SoftRankStrength strength = TrainingConfig.DEFAULT_STRENGTH;
    private AdamWConfig optimizer = AdamWConfig.defaults();
    private StoppingSignal stopping = TrainingConfig.DEFAULT_STOPPING;
    private int patience = TrainingConfig.DEFAULT_PATIENCE;
    private int maxSteps = TrainingConfig.DEFAULT_MAX_STEPS;
    private int prefetchSteps = TrainingConfig.DEFAULT_PREFETCH_STEPS;
    private long seed = MlemOptions.SEED.defaultValue();
    private int batchSize = MlemOptions.BATCH_SIZE.defaultValue();
    private BatchSizeConfig batchSizeSearch = BatchSizeConfig.defaults();
    private double testFraction = MlemOptions.TEST_FRACTION.defaultValue();
    private int folds = MlemOptions.FOLDS.defaultValue();
    private int trainSize = MlemOptions.TRAIN_SIZE.defaultValue();
    private int permutations = ImportanceConfig.DEFAULT_PERMUTATIONS;
    private boolean totalImportance = MlemOptions.TOTAL_IMPORTANCE.defaultValue();
    private ImportanceKind importance = ImportanceConfig.DEFAULT_KIND;
    private int evaluationBatches = HeldOutEvaluation.DEFAULT_BATCHES;
    private Scoring scoring = MlemOptions.SCORING.defaultValue();
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /** MLEM (default), FR-RSA or FR-RSA-I. */
    public Builder model(Model value) {
      this.model = value;
      return this;
    }

    /** Interaction terms (default true; must be false for FR-RSA, true for FR-RSA-I). */
    public Builder interactions(boolean value) {
      this.interactions = value;
      return this;
    }

    /** How MLEM's metric is kept positive semidefinite (default projected). */
    public Builder parametrization(Parametrization value) {
      this.parametrization = value;
      return this;
    }

    /** The score early stopping watches (default a fixed validation batch of training pairs). */
    public Builder stopping(StoppingSignal value) {
      this.stopping = value;
      return this;
    }

    /** Soft-rank strength (default absolute 1.0). */
    public Builder strength(SoftRankStrength value) {
      this.strength = value;
      return this;
    }

    /** AdamW settings (default lr 0.1). */
    public Builder optimizer(AdamWConfig value) {
      this.optimizer = value;
      return this;
    }

    /** Early-stopping patience in steps (default 50). */
    public Builder patience(int value) {
      this.patience = value;
      return this;
    }

    /** Maximum training steps (default 1000). */
    public Builder maxSteps(int value) {
      this.maxSteps = value;
      return this;
    }

    /** Training steps fetched from the pair source per request (default 8). */
    public Builder prefetchSteps(int value) {
      this.prefetchSteps = value;
      return this;
    }

    /** The run seed (default 0). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Pairs per batch; 0 (default) estimates it. */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** Batch-size search settings. */
    public Builder batchSizeSearch(BatchSizeConfig value) {
      this.batchSizeSearch = value;
      return this;
    }

    /** Held-out fraction for a single split (default 0.2). */
    public Builder testFraction(double value) {
      this.testFraction = value;
      return this;
    }

    /** Cross-validation folds; 0 (default) for a single train/test split. */
    public Builder folds(int value) {
      this.folds = value;
      return this;
    }

    /** Training stimuli kept per split; 0 (default) keeps all. */
    public Builder trainSize(int value) {
      this.trainSize = value;
      return this;
    }

    /** Permutations per unit (default 10; 0 skips importance). */
    public Builder permutations(int value) {
      this.permutations = value;
      return this;
    }

    /** Whether to compute total importance per feature (default true). */
    public Builder totalImportance(boolean value) {
      this.totalImportance = value;
      return this;
    }

    /**
     * Which permutation importance: {@link ImportanceKind#STIMULUS} (default) or
     * {@link ImportanceKind#TERM} (the paper's, with totals).
     */
    public Builder importance(ImportanceKind value) {
      this.importance = value;
      return this;
    }

    /** Held-out batches averaged (default 5). */
    public Builder evaluationBatches(int value) {
      this.evaluationBatches = value;
      return this;
    }

    /** The score of held-out evaluation and importance (default spearman). */
    public Builder scoring(Scoring value) {
      this.scoring = value;
      return this;
    }

    /** Worker threads (default every core). */
    public Builder threads(int value) {
      this.threads = value;
      return this;
    }

    /** Validates and builds. */
    public MlemConfig build() {
      TrainingConfig training = new TrainingConfig(model, interactions, parametrization,
          strength, optimizer, stopping, patience, maxSteps, prefetchSteps, seed);
      return new MlemConfig(training, batchSize, batchSizeSearch, testFraction, folds, trainSize,
          permutations, totalImportance, importance, evaluationBatches, scoring, threads);
    }
  }
}
