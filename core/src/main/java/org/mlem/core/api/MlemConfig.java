package org.mlem.core.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.mlem.core.batchsize.BatchSizeConfig;
import org.mlem.core.evaluation.HeldOutEvaluation;
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
 * {@link #builder()}. The same keys are used by the command line, the config files and the
 * MLlib params ({@link #toMap()}).
 *
 * @param training model, interactions, soft-rank strength, optimizer, stopping, seed
 * @param batchSize pairs per batch, or 0 to estimate it from the features (paper, Appendix C)
 * @param batchSizeSearch settings of that estimation
 * @param testFraction fraction of stimuli held out when {@code folds} is 0, in (0, 1) (0.2)
 * @param folds number of cross-validation folds, 0 for a single train/test split, else >= 2
 * @param permutations permutations per importance unit, >= 1 (10); 0 skips importance
 * @param totalImportance whether to also compute total importance per feature (true; term-level
 *     importance only)
 * @param importance which permutation importance: stimulus-level (default) or term-level
 * @param evaluationBatches held-out batches averaged for the scores, >= 1 (5)
 * @param threads worker threads, >= 1 (every core)
 */
public record MlemConfig(
    TrainingConfig training,
    int batchSize,
    BatchSizeConfig batchSizeSearch,
    double testFraction,
    int folds,
    int permutations,
    boolean totalImportance,
    ImportanceKind importance,
    int evaluationBatches,
    int threads) {

  /** Validates every field. */
  public MlemConfig {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(batchSizeSearch, "batchSizeSearch");
    Objects.requireNonNull(importance, "importance");
    if (batchSize != 0 && batchSize < 2) {
      throw new IllegalArgumentException(
          "batchSize must be 0 (estimate) or >= 2, found " + batchSize);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), found " + testFraction);
    }
    if (folds != 0 && folds < 2) {
      throw new IllegalArgumentException(
          "folds must be 0 (single train/test split) or >= 2, found " + folds);
    }
    if (permutations < 0) {
      throw new IllegalArgumentException(
          "permutations must be >= 0 (0 skips importance), found " + permutations);
    }
    if (evaluationBatches < 1) {
      throw new IllegalArgumentException(
          "evaluationBatches must be >= 1, found " + evaluationBatches);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
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
    b.permutations = permutations;
    b.totalImportance = totalImportance;
    b.importance = importance;
    b.evaluationBatches = evaluationBatches;
    b.threads = threads;
    return b;
  }

  /** The importance settings for a given batch size. */
  public ImportanceConfig importance(int resolvedBatchSize) {
    return new ImportanceConfig(Math.max(1, permutations), resolvedBatchSize,
        importance == ImportanceKind.TERM && totalImportance, importance);
  }

  /** Every setting as flat key/value strings, keys as on the command line (provenance). */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model", training.model().cliName());
    m.put("interactions", Boolean.toString(training.interactions()));
    m.put("parametrization", training.parametrization().cliName());
    m.put("strength", training.strength().toString());
    m.put("lr", Double.toString(training.optimizer().learningRate()));
    m.put("beta1", Double.toString(training.optimizer().beta1()));
    m.put("beta2", Double.toString(training.optimizer().beta2()));
    m.put("adam-epsilon", Double.toString(training.optimizer().epsilon()));
    m.put("weight-decay", Double.toString(training.optimizer().weightDecay()));
    m.put("stopping", training.stopping().cliName());
    m.put("patience", Integer.toString(training.patience()));
    m.put("max-steps", Integer.toString(training.maxSteps()));
    m.put("prefetch-steps", Integer.toString(training.prefetchSteps()));
    m.put("seed", Long.toString(training.seed()));
    m.put("batch-size", batchSize == 0 ? "auto" : Integer.toString(batchSize));
    m.put("test-fraction", Double.toString(testFraction));
    m.put("folds", Integer.toString(folds));
    m.put("permutations", Integer.toString(permutations));
    m.put("total-importance", Boolean.toString(totalImportance));
    m.put("importance", importance.cliName());
    m.put("evaluation-batches", Integer.toString(evaluationBatches));
    m.put("threads", Integer.toString(threads));
    return m;
  }

  /** Fluent builder; every setter validates when {@link #build()} runs. */
  public static final class Builder {
    private Model model = Model.MLEM;
    private boolean interactions = true;
    private Parametrization parametrization = TrainingConfig.DEFAULT_PARAMETRIZATION;
    private SoftRankStrength strength = TrainingConfig.DEFAULT_STRENGTH;
    private AdamWConfig optimizer = AdamWConfig.defaults();
    private StoppingSignal stopping = TrainingConfig.DEFAULT_STOPPING;
    private int patience = TrainingConfig.DEFAULT_PATIENCE;
    private int maxSteps = TrainingConfig.DEFAULT_MAX_STEPS;
    private int prefetchSteps = TrainingConfig.DEFAULT_PREFETCH_STEPS;
    private long seed = 0;
    private int batchSize = 0;
    private BatchSizeConfig batchSizeSearch = BatchSizeConfig.defaults();
    private double testFraction = 0.2;
    private int folds = 0;
    private int permutations = ImportanceConfig.DEFAULT_PERMUTATIONS;
    private boolean totalImportance = true;
    private ImportanceKind importance = ImportanceConfig.DEFAULT_KIND;
    private int evaluationBatches = HeldOutEvaluation.DEFAULT_BATCHES;
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

    /** Worker threads (default every core). */
    public Builder threads(int value) {
      this.threads = value;
      return this;
    }

    /** Validates and builds. */
    public MlemConfig build() {
      TrainingConfig training = new TrainingConfig(model, interactions, parametrization,
          strength, optimizer, stopping, patience, maxSteps, prefetchSteps, seed);
      return new MlemConfig(training, batchSize, batchSizeSearch, testFraction, folds,
          permutations, totalImportance, importance, evaluationBatches, threads);
    }
  }
}
