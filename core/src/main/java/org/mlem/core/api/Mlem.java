package org.mlem.core.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mlem.core.batchsize.BatchSizeEstimate;
import org.mlem.core.batchsize.BatchSizeEstimator;
import org.mlem.core.distance.MemoizedPairDistances;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.evaluation.DistanceScore;
import org.mlem.core.evaluation.HeldOutEvaluation;
import org.mlem.core.evaluation.HeldOutScores;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.importance.ImportanceConfig;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.importance.MetricScorer;
import org.mlem.core.importance.PairScorer;
import org.mlem.core.importance.PermutationImportance;
import org.mlem.core.importance.StimulusImportance;
import org.mlem.core.metric.Model;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.PredefinedSplit;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.ridge.RidgeFit;
import org.mlem.core.ridge.RidgeFrrsa;
import org.mlem.core.train.FitDiagnostics;
import org.mlem.core.train.LocalPairSource;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.TrainedMetric;
import org.mlem.core.train.Trainer;
import org.mlem.core.train.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs MLEM end to end: encode, estimate the batch size from the features, split the stimuli
 * (train/test or k folds), train the metric on each training split, score it on held-out pairs,
 * and compute permutation importances there (stimulus-level by default, term-level with
 * {@code importance(ImportanceKind.TERM)}). A fold whose held-out score is undefined (constant
 * predicted or neural distances, e.g. a rare level absent from its held-out stimuli) gets NaN
 * scores and a warning naming the fold and the features that are constant there; the analysis
 * goes on. The models frrsa-ridge and frrsa-ridge-i are fitted in closed form instead
 * ({@link RidgeFrrsa}: fractional ridge with an inner stimulus-disjoint cross-validation) and
 * scored by the same held-out batches and permutations; they allow stimulus-level importance
 * only. The splits are random (the seed's train/test split or k folds) or given
 * ({@link #withSplits}, e.g. a {@link PredefinedSplit}); {@code train-size} subsamples their
 * training stimuli ({@link #splits}). Held-out scores and importances use the configured scoring
 * (spearman, pearson or mse, docs/method.md section 5; for mse an affine map fitted on the
 * fold's validation batch of training pairs, {@link FoldScoring}). In a few lines:
 *
 * <pre>{@code
 * MlemConfig config = MlemConfig.builder().seed(1).build();
 * MlemAnalysis result = Mlem.with(config)
 *     .analyze(table, FeatureSchema.inferred(), representations, NeuralDistance.EUCLIDEAN);
 * double[][] w = result.weights();
 * result.importanceSummary().forEach(System.out::println);
 * }</pre>
 *
 * <p>Everything random derives from the configured seed and a position, so the same inputs and
 * seed give bit-identical results for any thread count.
 */
public final class Mlem {
  private static final Logger LOG = LoggerFactory.getLogger(Mlem.class);
  private static final long SPLIT_STREAM = 0x5B11_7L;
  private static final long FOLD_STREAM = 0xF01DL;
  private static final long RIDGE_STREAM = 0x121D_6EL;
  private static final long TRAIN_SIZE_STREAM = 0x7A_51_2EL;

  private final MlemConfig config;
  private final List<StimulusSplit> givenSplits;

  private Mlem(MlemConfig config, List<StimulusSplit> givenSplits) {
    this.config = Objects.requireNonNull(config, "config");
    this.givenSplits = givenSplits;
  }

  /** An analysis with this configuration. */
  public static Mlem with(MlemConfig config) {
    return new Mlem(config, null);
  }

  /**
   * This analysis on given splits instead of the random ones of {@code test-fraction} and
   * {@code folds} (e.g. a dataset's official train/test split, {@link PredefinedSplit}, or one
   * split held fixed across the fits of a sample-efficiency study). {@code train-size} still
   * subsamples their training stimuli.
   *
   * @param splits one split or k folds, indices into the analysed stimuli
   * @return a new analysis with the same configuration
   * @throws IllegalArgumentException if the list is empty
   */
  public Mlem withSplits(List<StimulusSplit> splits) {
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("at least one split is needed");
    }
    return new Mlem(config, List.copyOf(splits));
  }

  /**
   * The splits the analysis of n stimuli fits, in order: the given ones ({@link #withSplits}) or
   * the random train/test split or folds of the seed, each with its training stimuli
   * subsampled to {@code train-size} (drawn from the seed and the split's position; the test
   * stimuli are those of the split whatever the size; all = the splits unchanged).
   *
   * @param n the number of stimuli
   * @return the splits
   * @throws IllegalArgumentException if the splits do not fit n stimuli, or train-size exceeds
   *     a split's training stimuli (naming the split and the counts)
   */
  public List<StimulusSplit> splits(int n) {
    long seed = config.training().seed();
    List<StimulusSplit> base;
    if (givenSplits != null) {
      for (StimulusSplit split : givenSplits) {
        int last = Math.max(last(split.train()), last(split.test()));
        if (last >= n) {
          throw new IllegalArgumentException("a given split refers to stimulus " + last
              + " but the data have " + n + " stimuli");
        }
      }
      base = givenSplits;
    } else {
      base = config.folds() == 0
          ? List.of(Splits.trainTest(n, config.testFraction(),
              PositionalRandom.mix(seed, SPLIT_STREAM)))
          : Splits.kFold(n, config.folds(), PositionalRandom.mix(seed, SPLIT_STREAM));
    }
    if (config.trainSize() == 0) {
      return base;
    }
    List<StimulusSplit> out = new ArrayList<>(base.size());
    for (int k = 0; k < base.size(); k++) {
      StimulusSplit split = base.get(k);
      if (config.trainSize() > split.train().length) {
        throw new IllegalArgumentException("train-size " + config.trainSize() + " exceeds the "
            + split.train().length + " training stimuli of "
            + (base.size() == 1 ? "the split" : "fold " + (k + 1) + " of " + base.size())
            + "; give at most " + split.train().length + " or all");
      }
      out.add(Splits.subsampleTrain(split, config.trainSize(),
          PositionalRandom.mix(seed, TRAIN_SIZE_STREAM, k)));
    }
    return List.copyOf(out);
  }

  /** The configuration. */
  public MlemConfig config() {
    return config;
  }

  /**
   * Encodes the features, computes neural distances from the representations (matched by id)
   * and runs the analysis.
   */
  public MlemAnalysis analyze(
      FeatureTable table, FeatureSchema schema, Representations representations,
      NeuralDistance distance) {
    EncodedFeatures features = schema.encode(table);
    Representations aligned = representations.reorderedTo(features.ids());
    return analyze(features, new RepresentationDistances(aligned, distance),
        TrainingProgress.NONE);
  }

  /** Runs the analysis with in-process threads and no progress output. */
  public MlemAnalysis analyze(EncodedFeatures features, PairDistances distances) {
    return analyze(features, distances, TrainingProgress.NONE);
  }

  /** Runs the analysis with in-process threads. */
  public MlemAnalysis analyze(
      EncodedFeatures features, PairDistances distances, TrainingProgress progress) {
    // every fold, evaluation and importance round reads the same pairs' distances: computed once
    PairDistances memo = MemoizedPairDistances.ofBudget(distances,
        MemoizedPairDistances.DEFAULT_BUDGET_BYTES);
    return analyze(features, (split, seed) ->
        new LocalPairSource(features, memo, split, seed, config.threads()), progress,
        distances.size());
  }

  /**
   * Runs the analysis with batches from the given factory (e.g. the Spark module's).
   *
   * @param features encoded features of the n stimuli
   * @param sources opens a pair source per split
   * @param progress training progress
   * @param stimuli n, which must match the features
   */
  public MlemAnalysis analyze(
      EncodedFeatures features, PairSourceFactory sources, TrainingProgress progress,
      int stimuli) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(progress, "progress");
    int n = features.size();
    if (stimuli != n) {
      throw new IllegalArgumentException(
          "features has " + n + " stimuli but the neural data has " + stimuli);
    }
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    long seed = config.training().seed();
    List<String> warnings = new ArrayList<>();
    Map<String, Double> timings = new LinkedHashMap<>();

    Optional<BatchSizeEstimate> estimate = Optional.empty();
    int batchSize = config.batchSize();
    if (batchSize == 0) {
      long tb = System.nanoTime();
      BatchSizeEstimate e = estimateBatchSize(features);
      estimate = Optional.of(e);
      batchSize = e.batchSize();
      warnings.addAll(e.warnings());
      e.warnings().forEach(w -> LOG.warn("{}", w));
      timings.put("batch_size", seconds(tb));
      LOG.info("batch size {} (estimated in {} rounds)", batchSize, e.rounds());
    }

    Model model = config.training().model();
    if (model.isRidge() && config.permutations() > 0
        && config.importance(batchSize).kind() != ImportanceKind.STIMULUS) {
      throw new IllegalArgumentException("term-level importance shuffles one term of a metric W;"
          + " model " + model.cliName() + " has no W: use stimulus-level importance");
    }
    List<StimulusSplit> splits = splits(n);
    List<FoldResult> folds = new ArrayList<>();
    double fitSeconds = 0;
    double importanceSeconds = 0;
    for (int k = 0; k < splits.size(); k++) {
      StimulusSplit split = splits.get(k);
      long foldSeed = PositionalRandom.mix(seed, FOLD_STREAM, k);
      LOG.info("fold {}/{}: {} training and {} held-out stimuli", k + 1, splits.size(),
          split.train().length, split.test().length);
      try (PairSource source = sources.open(split, foldSeed)) {
        long tf = System.nanoTime();
        Optional<RidgeFit> ridge = model.isRidge()
            ? Optional.of(RidgeFrrsa.fit(model, features, source, split, foldSeed,
                RidgeFrrsa.DEFAULT_PAIRS, features.names(), PositionalRandom.mix(foldSeed,
                    RIDGE_STREAM)))
            : Optional.empty();
        TrainedMetric metric = ridge.isPresent() ? ridge.get().asTrainedMetric()
            : new Trainer(config.training().withSeed(foldSeed), config.threads())
                .fit(source, batchSize, features.names(), progress);
        DistanceScore score = ridge.isPresent()
            ? FoldScoring.forRidge(config.scoring(), ridge.get(), source, batchSize)
            : FoldScoring.forMetric(config.scoring(), metric, source, batchSize);
        PairScorer scorer = ridge.isPresent() ? ridge.get().scorer().withScore(score)
            : MetricScorer.of(metric, score);
        HeldOutEvaluation.Predictor predictor = ridge.isPresent()
            ? batch -> ridge.get().scorer().predict(batch.delta(), batch.size())
            : batch -> HeldOutEvaluation.predict(batch, metric.coefficients(),
                metric.featureNames().size(), metric.interactions());
        HeldOutScores scores = HeldOutEvaluation.evaluate(source, predictor,
            (batch, ranks) -> scorer.score(batch.delta(), batch.featureCount(), batch.neural(),
                ranks),
            score, batchSize, config.evaluationBatches());
        fitSeconds += seconds(tf);
        List<String> constant = FoldChecks.constantOnHeldOut(features, split.test());
        List<String> foldWarnings = FoldChecks.warnings(k, splits.size(), split.test().length,
            constant, scores);
        if (ridge.isEmpty()) {
          foldWarnings.addAll(FitDiagnostics.check(metric, source, batchSize,
              splits.size() == 1 ? "fit" : "fold " + (k + 1)));
        } else {
          LOG.info("fold {}: FR-RSA fraction {} (alpha {}) chosen on {} training pairs", k + 1,
              ridge.get().solution().fraction(), ridge.get().solution().alpha(),
              ridge.get().pairs());
        }
        LOG.info("fold {}: {} steps (best {}), training score {}, held-out Spearman {}, {} {}",
            k + 1, metric.steps(), metric.bestStep(), metric.bestScore(), scores.spearman(),
            scores.scoring().cliName(), scores.score());
        Optional<ImportanceResult> importance = Optional.empty();
        double foldImportanceSeconds = 0;
        if (config.permutations() > 0) {
          long ti = System.nanoTime();
          ImportanceConfig importanceConfig = config.importance(batchSize);
          importance = Optional.of(importanceConfig.kind() == ImportanceKind.STIMULUS
              ? StimulusImportance.compute(source, features, split, foldSeed, scorer,
                  features.layout().featureNames(), metric.interactions(), importanceConfig,
                  foldSeed, config.threads())
              : PermutationImportance.compute(source, metric, features.layout(),
                  importanceConfig, foldSeed, config.threads(), score));
          foldImportanceSeconds = seconds(ti);
          foldWarnings.addAll(FoldChecks.importanceWarnings(k, splits.size(), importance.get()));
          importanceSeconds += foldImportanceSeconds;
        }
        foldWarnings.forEach(w -> LOG.warn("{}", w));
        warnings.addAll(foldWarnings);
        folds.add(new FoldResult(k, split.train().length, split.test().length, metric, scores,
            importance, foldImportanceSeconds, ridge));
      }
    }
    timings.put("fit", fitSeconds);
    timings.put("importance", importanceSeconds);
    timings.put("total", seconds(t0));
    Provenance provenance = new Provenance(Provenance.projectVersion(),
        System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), config.toMap(), seed,
        n, features.names(), batchSize, estimate.isPresent(), started, Instant.now(), timings,
        warnings);
    return new MlemAnalysis(config, features.names(), folds, estimate, provenance,
        features.summary());
  }

  /**
   * Fits one metric on every stimulus (no held-out split, no importance), e.g. to inspect W on
   * all the data. Uses the configured batch size, or estimates it.
   */
  public TrainedMetric fit(EncodedFeatures features, PairDistances distances) {
    int n = features.size();
    long seed = config.training().seed();
    int batchSize = config.batchSize() != 0 ? config.batchSize()
        : estimateBatchSize(features).batchSize();
    try (PairSource source = new LocalPairSource(features, distances, Splits.all(n), seed,
        config.threads())) {
      return new Trainer(config.training(), config.threads()).fit(source, batchSize,
          features.names(),
          TrainingProgress.NONE);
    }
  }

  /**
   * The batch-size estimate this configuration trains with when no size is given: the search of
   * {@link BatchSizeEstimator} over every stimulus, with the configured search settings and the
   * model's terms. It does not depend on the seed.
   */
  public BatchSizeEstimate estimateBatchSize(EncodedFeatures features) {
    return BatchSizeEstimator.estimate(features, everyStimulus(features.size()),
        config.batchSizeSearch(), config.training().interactions());
  }

  /** The largest index of a sorted array, -1 when empty. */
  private static int last(int[] sorted) {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }

  private static int[] everyStimulus(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
