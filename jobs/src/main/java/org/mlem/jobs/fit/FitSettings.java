package org.mlem.jobs.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.optim.AdamWConfig;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.jobs.io.FeatureInput;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.spark.Placement;

/**
 * The fully resolved, validated settings of one fit: the core configuration (built, hence
 * validated, by {@code MlemConfig}), the two inputs, the neural distance, the output and the
 * Spark-side knobs. Built from a {@link SettingsMap} with {@link #resolve(Map)}, before any Spark
 * work.
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
 */
public record FitSettings(
    MlemConfig config, FeatureInput features, RepresentationInput representations,
    NeuralDistance distance, String out, boolean overwrite, String master, int partitions,
    boolean quiet, Placement placement, int broadcastBudgetMb) {

  /** Settings with the default placement (auto, budget 512 MB). */
  public FitSettings(
      MlemConfig config, FeatureInput features, RepresentationInput representations,
      NeuralDistance distance, String out, boolean overwrite, String master, int partitions,
      boolean quiet) {
    this(config, features, representations, distance, out, overwrite, master, partitions, quiet,
        Placement.AUTO, Placement.DEFAULT_BROADCAST_BUDGET_MB);
  }

  /** Core field names in its messages and the options that set them. */
  private static final Map<String, String> CORE_NAMES = Map.of(
      "testFraction", "--test-fraction", "batchSize", "--batch-size", "maxSteps", "--max-steps",
      "folds", "--folds", "permutations", "--permutations", "patience", "--patience",
      "learningRate", "--lr");

  /**
   * Resolves and validates the settings.
   *
   * @param s settings by key, as from {@link SettingsMap}
   * @throws UsageException naming the option, the value and what is allowed
   */
  public static FitSettings resolve(Map<String, Object> s) {
    required(s, "features");
    String representations = required(s, "representations");
    String out = required(s, "out");
    if (s.get("folds") != null && s.get("test-fraction") != null) {
      throw new UsageException("--folds " + s.get("folds") + " and --test-fraction "
          + s.get("test-fraction") + " are mutually exclusive: give k folds or one held-out "
          + "fraction");
    }
    MlemConfig.Builder b = MlemConfig.builder();
    Model model = Model.MLEM;
    if (s.get("model") != null) {
      model = parse("--model", () -> Model.parse((String) s.get("model")));
    }
    b.model(model);
    Boolean interactions = (Boolean) s.get("interactions");
    if (model == Model.FRRSA && Boolean.TRUE.equals(interactions)) {
      throw new UsageException("--model frrsa has no interaction terms; drop --interactions "
          + "or use --model frrsa-i");
    }
    if (model == Model.FRRSA_I && Boolean.FALSE.equals(interactions)) {
      throw new UsageException("--model frrsa-i always has interaction terms; drop "
          + "--no-interactions or use --model frrsa");
    }
    if (interactions != null) {
      b.interactions(interactions);
    } else if (model != Model.MLEM) {
      b.interactions(model == Model.FRRSA_I);
    }
    NeuralDistance distance = NeuralDistance.EUCLIDEAN;
    if (s.get("distance") != null) {
      distance = parse("--distance", () -> NeuralDistance.parse((String) s.get("distance")));
    }
    if (s.get("seed") != null) {
      b.seed((Long) s.get("seed"));
    }
    if (s.get("test-fraction") != null) {
      b.testFraction((Double) s.get("test-fraction"));
    }
    if (s.get("folds") != null) {
      b.folds((Integer) s.get("folds"));
    }
    if (s.get("permutations") != null) {
      b.permutations((Integer) s.get("permutations"));
    }
    if (s.get("batch-size") != null) {
      b.batchSize(batchSize((String) s.get("batch-size")));
    }
    if (s.get("max-steps") != null) {
      b.maxSteps((Integer) s.get("max-steps"));
    }
    if (s.get("patience") != null) {
      b.patience((Integer) s.get("patience"));
    }
    if (s.get("parametrization") != null) {
      b.parametrization(parse("--parametrization",
          () -> Parametrization.parse((String) s.get("parametrization"))));
    }
    if (s.get("stopping") != null) {
      b.stopping(parse("--stopping", () -> StoppingSignal.parse((String) s.get("stopping"))));
    }
    if (s.get("lr") != null) {
      double lr = (Double) s.get("lr");
      AdamWConfig d = AdamWConfig.defaults();
      b.optimizer(parse("--lr",
          () -> new AdamWConfig(lr, d.beta1(), d.beta2(), d.epsilon(), d.weightDecay())));
    }
    if (s.get("strength") != null) {
      b.strength(parse("--strength", () -> SoftRankStrength.parse((String) s.get("strength"))));
    }
    if (s.get("importance") != null) {
      b.importance(parse("--importance", () -> ImportanceKind.parse((String) s.get("importance"))));
    }
    if (s.get("total-importance") != null) {
      b.totalImportance((Boolean) s.get("total-importance"));
    }
    MlemConfig config = parse("configuration", b::build);

    FeatureInput featureInput = resolveFeatures(s);
    String idColumn = featureInput.idColumn();
    RepresentationInput representationInput = new RepresentationInput(representations,
        format("--representations-format", s.get("representations-format"),
            InputFormat.values()),
        idColumn, (String) s.get("vector-column"), (String) s.get("ids"),
        (String) s.get("hdf5-dataset"));
    int partitions = s.get("partitions") != null ? (Integer) s.get("partitions") : 0;
    if (partitions < 0) {
      throw new UsageException(
          "--partitions must be >= 0 (0 = Spark's default parallelism), found " + partitions);
    }
    Placement placement = s.get("placement") == null ? Placement.AUTO
        : parse("--placement", () -> Placement.parse((String) s.get("placement")));
    int budget = s.get("broadcast-budget-mb") != null ? (Integer) s.get("broadcast-budget-mb")
        : Placement.DEFAULT_BROADCAST_BUDGET_MB;
    if (budget < 0) {
      throw new UsageException("--broadcast-budget-mb must be >= 0, found " + budget);
    }
    return new FitSettings(config, featureInput, representationInput, distance, out,
        Boolean.TRUE.equals(s.get("overwrite")), (String) s.get("master"), partitions,
        Boolean.TRUE.equals(s.get("quiet")), placement, budget);
  }

  /**
   * Resolves and validates the feature-table keys alone ({@code features}, {@code id-column},
   * {@code feature-columns}, {@code kinds}, {@code missing-distance}, {@code features-format}),
   * for commands that read only the features (e.g. {@code mlem estimate-batch-size}).
   *
   * @param s settings by key, as from {@link SettingsMap}
   * @throws UsageException naming the option, the value and what is allowed
   */
  public static FeatureInput resolveFeatures(Map<String, Object> s) {
    String features = required(s, "features");
    String idColumn = s.get("id-column") != null ? (String) s.get("id-column") : "id";
    if (idColumn.isBlank()) {
      throw new UsageException("--id-column must name a column, found an empty name");
    }
    double missing = s.get("missing-distance") != null ? (Double) s.get("missing-distance") : 0.0;
    if (!(missing >= 0 && missing <= 1)) {
      throw new UsageException("--missing-distance must be in [0, 1], found " + missing);
    }
    return new FeatureInput(features,
        format("--features-format", s.get("features-format"), InputFormat.AUTO,
            InputFormat.PARQUET, InputFormat.CSV),
        idColumn, featureColumns((String) s.get("feature-columns")),
        kinds((String) s.get("kinds")), missing);
  }

  /** The job-level settings recorded in run.json next to the core configuration. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("features", features.uri());
    m.put("features-format", features.format().name().toLowerCase(Locale.ROOT));
    m.put("representations", representations.uri());
    m.put("representations-format",
        representations.format().name().toLowerCase(Locale.ROOT));
    m.put("id-column", features.idColumn());
    if (!features.featureColumns().isEmpty()) {
      m.put("feature-columns", String.join(",", features.featureColumns()));
    }
    if (!features.kinds().isEmpty()) {
      List<String> kinds = new ArrayList<>();
      features.kinds().forEach((k, v) -> kinds.add(k + "=" + v.name().toLowerCase(Locale.ROOT)));
      m.put("kinds", String.join(",", kinds.stream().sorted().toList()));
    }
    m.put("missing-distance", Double.toString(features.missingDistance()));
    if (representations.vectorColumn() != null) {
      m.put("vector-column", representations.vectorColumn());
    }
    if (representations.idsUri() != null) {
      m.put("ids", representations.idsUri());
    }
    if (representations.hdf5Dataset() != null) {
      m.put("hdf5-dataset", representations.hdf5Dataset());
    }
    m.put("distance", distance.cliName());
    m.put("out", out);
    m.put("partitions", Integer.toString(partitions));
    m.put("placement", placement.cliName());
    m.put("broadcast-budget-mb", Integer.toString(broadcastBudgetMb));
    return m;
  }

  private static String required(Map<String, Object> s, String key) {
    Object v = s.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new UsageException("missing required option --" + key
          + " (on the command line or as '" + key + ":' in the --config file)");
    }
    return v.toString();
  }

  private interface Parser<T> {
    T get();
  }

  private static <T> T parse(String what, Parser<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      for (Map.Entry<String, String> name : CORE_NAMES.entrySet()) {
        if (message.startsWith(name.getKey() + " ")) {
          message = name.getValue() + message.substring(name.getKey().length());
        }
      }
      throw new UsageException("invalid " + what + ": " + message, e);
    }
  }

  private static int batchSize(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("auto")) {
      return 0;
    }
    try {
      int n = Integer.parseInt(t);
      if (n < org.mlem.jobs.output.BatchSizeWarnings.MINIMUM) {
        throw new UsageException("--batch-size must be >= "
            + org.mlem.jobs.output.BatchSizeWarnings.MINIMUM + " or auto, found " + text
            + ": a Spearman over so few pairs takes at most four values, so held-out scores"
            + " and importances would mean nothing");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--batch-size must be an integer >= "
          + org.mlem.jobs.output.BatchSizeWarnings.MINIMUM + " or auto, found '" + text
          + "'");
    }
  }

  private static InputFormat format(String option, Object value, InputFormat... allowed) {
    if (value == null) {
      return InputFormat.AUTO;
    }
    String text = value.toString().trim();
    for (InputFormat f : allowed) {
      if (f.name().equalsIgnoreCase(text)) {
        return f;
      }
    }
    List<String> names = new ArrayList<>();
    for (InputFormat f : allowed) {
      names.add(f.name().toLowerCase(Locale.ROOT));
    }
    throw new UsageException(option + " must be one of " + String.join(", ", names)
        + ", found '" + value + "'");
  }

  private static List<String> featureColumns(String text) {
    if (text == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) {
        throw new UsageException("--feature-columns must be a comma-separated list of column "
            + "names, found an empty name in '" + text + "'");
      }
      if (names.contains(name)) {
        throw new UsageException("--feature-columns names " + name + " twice in '" + text + "'");
      }
      names.add(name);
    }
    return names;
  }

  private static Map<String, FeatureKind> kinds(String text) {
    Map<String, FeatureKind> kinds = new LinkedHashMap<>();
    if (text == null) {
      return kinds;
    }
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--kinds must be name=kind pairs separated by commas (e.g. "
            + "'size=ordinal,color=categorical'), found '" + part.trim() + "'");
      }
      String name = part.substring(0, eq).trim();
      FeatureKind kind =
          parse("--kinds for " + name, () -> FeatureKind.parse(part.substring(eq + 1)));
      kinds.put(name, kind);
    }
    return kinds;
  }
}
