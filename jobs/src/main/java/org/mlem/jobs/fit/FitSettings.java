package org.mlem.jobs.fit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.Option;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.metric.Model;
import org.mlem.jobs.io.FeatureInput;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.io.SplitInput;
import org.mlem.jobs.spark.Placement;

/**
 * The fully resolved, validated settings of one fit: the core configuration (built, hence
 * validated, by {@code MlemConfig}), the two inputs, the neural distance, the output and the
 * Spark-side knobs. Built from settings of the option table ({@link JobOptions#FIT}) with
 * {@link #resolve(Settings)}, before any Spark work.
 *
 * @param config the core configuration
 * @param features where and how to read the feature table
 * @param representations where and how to read the representations
 * @param distance the neural distance
 * @param out the run directory
 * @param overwrite whether to replace an existing run directory
 * @param master the Spark master given on the command line, or null
 * @param partitions tasks per batch request (0 = the default parallelism)
 * @param quiet no progress lines
 * @param placement where the representations live (broadcast, partitioned or auto)
 * @param broadcastBudgetMb the largest matrix auto broadcasts, in MiB
 * @param idsFrom which stimuli are analysed when the two sides list different ids
 * @param split a predefined split (a column of the features or a split file), or
 *     {@link SplitInput#NONE} for the random split of {@code test-fraction} / {@code folds}
 */
public record FitSettings(
    MlemConfig config, FeatureInput features, RepresentationInput representations,
    NeuralDistance distance, String out, boolean overwrite, String master, int partitions,
    boolean quiet, Placement placement, int broadcastBudgetMb, IdsFrom idsFrom,
    SplitInput split) {

  /** Settings with the random split of the configuration. */
  public FitSettings(
      MlemConfig config, FeatureInput features, RepresentationInput representations,
      NeuralDistance distance, String out, boolean overwrite, String master, int partitions,
      boolean quiet, Placement placement, int broadcastBudgetMb, IdsFrom idsFrom) {
    this(config, features, representations, distance, out, overwrite, master, partitions, quiet,
        placement, broadcastBudgetMb, idsFrom, SplitInput.NONE);
  }

  /** Settings refusing any id mismatch (the default rule). */
  public FitSettings(
      MlemConfig config, FeatureInput features, RepresentationInput representations,
      NeuralDistance distance, String out, boolean overwrite, String master, int partitions,
      boolean quiet, Placement placement, int broadcastBudgetMb) {
    this(config, features, representations, distance, out, overwrite, master, partitions, quiet,
        placement, broadcastBudgetMb, IdsFrom.REFUSE);
  }

  /** Settings with the default placement (auto, budget 512 MB). */
  public FitSettings(
      MlemConfig config, FeatureInput features, RepresentationInput representations,
      NeuralDistance distance, String out, boolean overwrite, String master, int partitions,
      boolean quiet) {
    this(config, features, representations, distance, out, overwrite, master, partitions, quiet,
        Placement.AUTO, Placement.DEFAULT_BROADCAST_BUDGET_MB);
  }

  /**
   * Resolves and validates the settings given by key (text, or typed values as a program or a
   * YAML document holds them), every key checked against {@link JobOptions#FIT}.
   *
   * @throws UsageException naming the option, the value and what is allowed
   */
  public static FitSettings resolve(Map<String, ?> values) {
    return resolve(settings(JobOptions.FIT, values));
  }

  /** Settings of a table from values by key, as a {@link UsageException} when bad. */
  public static Settings settings(OptionTable table, Map<String, ?> values) {
    try {
      return Settings.fromValues(table, values, "settings");
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid " + e.getMessage(), e);
    }
  }

  /**
   * Resolves the fit from settings already parsed and checked option by option (command line,
   * config file): checks what spans options (required inputs, one split, model and
   * interactions) and builds the core configuration.
   *
   * @throws UsageException naming the option, the value and what is allowed
   */
  public static FitSettings resolve(Settings s) {
    required(s, JobOptions.FEATURES);
    String representations = required(s, JobOptions.REPRESENTATIONS);
    String out = required(s, JobOptions.OUT);
    if (s.has(MlemOptions.FOLDS) && s.has(MlemOptions.TEST_FRACTION)) {
      throw new UsageException("--folds " + s.get(MlemOptions.FOLDS) + " and --test-fraction "
          + s.get(MlemOptions.TEST_FRACTION) + " are mutually exclusive: give k folds or one "
          + "held-out fraction");
    }
    SplitInput split = resolveSplit(s);
    Model model = s.get(MlemOptions.MODEL);
    if (s.has(MlemOptions.INTERACTIONS)) {
      boolean interactions = s.get(MlemOptions.INTERACTIONS);
      String problem = model.interactionsProblem(interactions);
      if (problem != null) {
        throw new UsageException("--" + problem + " (drop --interactions / --no-interactions)");
      }
    }
    MlemConfig config;
    try {
      config = MlemConfig.fromSettings(s);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid configuration: --" + e.getMessage(), e);
    }
    FeatureInput featureInput = resolveFeatures(s);
    if (split.column() != null) {
      if (split.column().equals(featureInput.idColumn())) {
        throw new UsageException("--split-column " + split.column() + " is the id column; name "
            + "the column holding train/test or the fold ids");
      }
      if (featureInput.featureColumns().contains(split.column())) {
        throw new UsageException("--split-column " + split.column() + " is also listed in "
            + "--feature-columns; a split column is not a feature: drop it from the features");
      }
      featureInput = new FeatureInput(featureInput.uri(), featureInput.format(),
          featureInput.idColumn(), featureInput.featureColumns(), featureInput.kinds(),
          featureInput.missingDistance(), split.column());
    }
    RepresentationInput representationInput = new RepresentationInput(representations,
        s.get(JobOptions.REPRESENTATIONS_FORMAT), featureInput.idColumn(),
        s.get(JobOptions.VECTOR_COLUMN), s.get(JobOptions.IDS), s.get(JobOptions.HDF5_DATASET));
    return new FitSettings(config, featureInput, representationInput,
        s.get(MlemOptions.DISTANCE), out, s.get(JobOptions.OVERWRITE), s.get(JobOptions.MASTER),
        s.get(JobOptions.PARTITIONS), s.get(JobOptions.QUIET), s.get(JobOptions.PLACEMENT),
        s.get(JobOptions.BROADCAST_BUDGET_MB), s.get(JobOptions.IDS_FROM), split);
  }

  /**
   * The predefined split of the settings, checked against the options it replaces.
   *
   * @throws UsageException when both sources are given, or with --folds or --test-fraction
   */
  static SplitInput resolveSplit(Settings s) {
    String column = s.get(JobOptions.SPLIT_COLUMN);
    String file = s.get(JobOptions.SPLIT_FILE);
    if (column != null && file != null) {
      throw new UsageException("--split-column " + column + " and --split-file " + file
          + " are mutually exclusive: give the split once");
    }
    if (column == null && file == null) {
      return SplitInput.NONE;
    }
    String given = column != null ? "--split-column " + column : "--split-file " + file;
    for (Option<?> random : java.util.List.of(MlemOptions.FOLDS, MlemOptions.TEST_FRACTION)) {
      if (s.has(random)) {
        throw new UsageException(given + " and --" + random.key() + " " + s.get(random)
            + " are mutually exclusive: a predefined split replaces the random one (drop --"
            + random.key() + ")");
      }
    }
    return new SplitInput(column, file);
  }

  /**
   * Resolves the feature-table settings alone ({@link JobOptions#FEATURE_TABLE} and
   * {@code features}), for commands that read only the features (e.g.
   * {@code mlem estimate-batch-size}).
   *
   * @throws UsageException naming the option, the value and what is allowed
   */
  public static FeatureInput resolveFeatures(Settings s) {
    String features = required(s, JobOptions.FEATURES);
    List<String> columns = s.get(MlemOptions.FEATURE_COLUMNS);
    Map<String, FeatureKind> kinds = s.get(MlemOptions.KINDS);
    return new FeatureInput(features, s.get(JobOptions.FEATURES_FORMAT),
        s.get(MlemOptions.ID_COLUMN), columns == null ? List.of() : columns,
        kinds == null ? new LinkedHashMap<>() : new LinkedHashMap<>(kinds),
        s.get(MlemOptions.MISSING_DISTANCE));
  }

  /**
   * The job-level settings recorded in run.json next to the core configuration, keyed as the
   * options are ({@link JobOptions}); read back by {@link #settings}.
   */
  public Map<String, String> toMap() {
    Settings m = Settings.empty()
        .with(JobOptions.FEATURES, features.uri())
        .with(JobOptions.FEATURES_FORMAT, features.format())
        .with(JobOptions.REPRESENTATIONS, representations.uri())
        .with(JobOptions.REPRESENTATIONS_FORMAT, representations.format())
        .with(MlemOptions.ID_COLUMN, features.idColumn());
    if (!features.featureColumns().isEmpty()) {
      m = m.with(MlemOptions.FEATURE_COLUMNS, features.featureColumns());
    }
    if (!features.kinds().isEmpty()) {
      m = m.with(MlemOptions.KINDS, new java.util.TreeMap<>(features.kinds()));
    }
    m = m.with(MlemOptions.MISSING_DISTANCE, features.missingDistance());
    if (representations.vectorColumn() != null) {
      m = m.with(JobOptions.VECTOR_COLUMN, representations.vectorColumn());
    }
    if (representations.idsUri() != null) {
      m = m.with(JobOptions.IDS, representations.idsUri());
    }
    if (representations.hdf5Dataset() != null) {
      m = m.with(JobOptions.HDF5_DATASET, representations.hdf5Dataset());
    }
    Map<String, String> map = m.with(MlemOptions.DISTANCE, distance)
        .with(JobOptions.OUT, out)
        .with(JobOptions.PARTITIONS, partitions)
        .with(JobOptions.PLACEMENT, placement)
        .with(JobOptions.BROADCAST_BUDGET_MB, broadcastBudgetMb)
        .with(JobOptions.IDS_FROM, idsFrom)
        .toMap();
    map = new LinkedHashMap<>(map);
    if (split.column() != null) {
      map.put(JobOptions.SPLIT_COLUMN.key(), split.column());
    }
    if (split.file() != null) {
      map.put(JobOptions.SPLIT_FILE.key(), split.file());
    }
    return map;
  }

  /**
   * Every setting by key, core configuration included, such that {@link #resolve(Map)} gives
   * these settings back (e.g. to rebuild them inside a Spark task): {@link #toMap()}, the
   * config's keys (only one of folds and test-fraction, which are alternatives), overwrite,
   * quiet and master.
   */
  public Map<String, String> toResolvableMap() {
    Map<String, String> all = new java.util.LinkedHashMap<>(config.toMap());
    all.remove(config.folds() == 0 ? MlemOptions.FOLDS.key() : MlemOptions.TEST_FRACTION.key());
    if (split.given()) {
      all.remove(MlemOptions.FOLDS.key());
      all.remove(MlemOptions.TEST_FRACTION.key());
    }
    all.putAll(toMap());
    all.put(JobOptions.OVERWRITE.key(), Boolean.toString(overwrite));
    all.put(JobOptions.QUIET.key(), Boolean.toString(quiet));
    if (master != null) {
      all.put(JobOptions.MASTER.key(), master);
    }
    return all;
  }

  /** These settings with another core configuration (e.g. another model), all else kept. */
  public FitSettings withConfig(MlemConfig c) {
    return new FitSettings(c, features, representations, distance, out, overwrite, master,
        partitions, quiet, placement, broadcastBudgetMb, idsFrom, split);
  }

  /** These settings for one set of a sweep: its input, its run directory, seed and batch size. */
  public FitSettings forSet(RepresentationInput input, String runDir, long seed, int batchSize) {
    MlemConfig c = config.toBuilder().seed(seed).batchSize(batchSize).build();
    return new FitSettings(c, features, input, distance, runDir, true, master, partitions, quiet,
        placement, broadcastBudgetMb, idsFrom);
  }

  private static String required(Settings s, Option<String> option) {
    String v = s.get(option);
    if (v == null || v.isBlank()) {
      throw new UsageException("missing required option --" + option.key()
          + " (on the command line or as '" + option.key() + ":' in the --config file)");
    }
    return v;
  }
}
