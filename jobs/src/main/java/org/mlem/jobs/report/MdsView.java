package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.sim.ClassicalMds;
import org.mlem.jobs.io.FeatureInput;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.LiteralPaths;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.io.SetInputs;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The 2-D classical MDS view of one layer (the paper's Figure 5): the layer's inputs are read
 * again from the paths in its run.json ({@code inputs}, formats and options from
 * {@code config}), at most {@value #MAX_STIMULI} stimuli are chosen evenly in feature-table order
 * (stimulus {@code floor(k n / m)} for k = 0..m-1, so the view is deterministic), their
 * Euclidean distances (or the precomputed RDM's) go to the core's {@link ClassicalMds}, and each
 * point is coloured by the stimulus's value of the given feature.
 */
final class MdsView {
  /** The most stimuli embedded (MDS costs O(m^3)). */
  static final int MAX_STIMULI = 1000;

  private MdsView() {}

  /** The coordinates (m x 2) and the feature value of each chosen stimulus. */
  record Embedding(double[][] xy, List<Object> values, int total) {}

  /**
   * Embeds the layer of a run directory.
   *
   * @param spark supplies the session for inputs that need Spark to be read (asked for only then)
   * @param conf resolves the inputs read on the driver
   * @param provenance the layer's run.json
   * @param feature the feature whose values colour the points
   * @throws RuntimeException when the inputs cannot be read (the caller omits the figure)
   */
  static Embedding embed(java.util.function.Supplier<SparkSession> spark,
      org.apache.hadoop.conf.Configuration conf, ProvenanceRecord provenance, String feature) {
    Map<String, String> config = provenance.config();
    String featuresUri = input(provenance, "features");
    boolean rdm = !input(provenance, "RDM").isEmpty();
    String repsUri = rdm ? input(provenance, "RDM") : input(provenance, "representations");
    if (featuresUri.isEmpty() || repsUri.isEmpty()) {
      throw new IllegalArgumentException("run.json lists no features or representations input");
    }
    String idColumn = text(config, "id-column", "id");
    FeatureInput features = new FeatureInput(featuresUri,
        format(text(config, "features-format", "auto")), idColumn,
        columns(text(config, "feature-columns", "")), Map.of(),
        Double.parseDouble(text(config, "missing-distance", "0.0")));
    RepresentationInput reps = new RepresentationInput(repsUri,
        rdm ? InputFormat.RDM : format(text(config, "representations-format", "auto")),
        idColumn, nullIfEmpty(text(config, "vector-column", "")),
        nullIfEmpty(text(config, "ids", "")), nullIfEmpty(text(config, "hdf5-dataset", "")));
    String setColumn = nullIfEmpty(text(config, "set-column", ""));
    LoadedInputs loaded;
    if (setColumn != null) {
      // a sweep set that is the rows of one value of a table's set column: only those rows
      Dataset<Row> frame = LiteralPaths.read(spark.get()).parquet(repsUri)
          .filter(functions.col(setColumn).equalTo(functions.lit(text(config, "set-value", ""))))
          .drop(setColumn);
      loaded = SetInputs.withRepresentationFrame(SetInputs.loadFeatures(spark.get(), features),
          frame,
          idColumn, reps.vectorColumn(), repsUri,
          new org.mlem.jobs.io.InputFile("representations", repsUri, 0, null));
    } else {
      // read on the driver without Spark SQL where the formats allow it, as mlem fit does
      loaded = InputLoader.loadWithoutSpark(conf, features,
          reps, org.mlem.core.distance.IdsFrom.REFUSE)
          .orElseGet(() -> InputLoader.load(spark.get(), features, reps));
    }
    PairDistances distances = loaded.distances(NeuralDistance.EUCLIDEAN);
    List<String> ids = loaded.features().ids();
    int n = ids.size();
    int m = Math.min(MAX_STIMULI, n);
    int[] chosen = new int[m];
    for (int k = 0; k < m; k++) {
      chosen[k] = (int) ((long) k * n / m);
    }
    double[][] d = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int b = a + 1; b < m; b++) {
        d[a][b] = distances.distance(chosen[a], chosen[b]);
        d[b][a] = d[a][b];
      }
    }
    double[][] xy = ClassicalMds.embedLeading(d, 2);
    Map<String, Object> byId = featureValues(spark, features, feature);
    List<Object> values = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      values.add(byId.get(ids.get(chosen[k])));
    }
    return new Embedding(xy, values, n);
  }

  private static Map<String, Object> featureValues(
      java.util.function.Supplier<SparkSession> spark, FeatureInput features, String feature) {
    boolean csv = features.format() == InputFormat.CSV || (features.format() == InputFormat.AUTO
        && features.uri().toLowerCase(Locale.ROOT).endsWith(".csv"));
    // a plain local CSV file is read on the driver, typed as Spark's reader types it
    java.util.Optional<org.mlem.jobs.io.PlainCsv.Table> plain = csv
        ? org.mlem.jobs.io.PlainCsv.read(features.uri(), features.idColumn())
        : java.util.Optional.empty();
    List<Row> rows;
    int idAt = 0;
    int valueAt = 1;
    if (plain.isPresent()) {
      rows = plain.get().rows();
      idAt = plain.get().schema().fieldIndex(features.idColumn());
      valueAt = plain.get().schema().fieldIndex(feature);
    } else {
      Dataset<Row> table = csv
          ? LiteralPaths.read(spark.get()).option("header", "true")
              .option("inferSchema", "true").csv(features.uri())
          : LiteralPaths.read(spark.get()).parquet(features.uri());
      rows = table.select(features.idColumn(), feature).collectAsList();
    }
    Map<String, Object> out = new HashMap<>();
    for (Row row : rows) {
      Object v = row.get(valueAt);
      if (v instanceof Number num) {
        v = num.doubleValue();
      } else if (v != null) {
        v = v.toString();
      }
      out.put(String.valueOf(row.get(idAt)), v);
    }
    return out;
  }

  private static String input(ProvenanceRecord provenance, String role) {
    String uri = provenance.inputUri(role);
    return uri == null ? "" : uri;
  }

  private static String text(Map<String, String> config, String key, String fallback) {
    String v = config.get(key);
    return v == null ? fallback : v;
  }

  private static String nullIfEmpty(String s) {
    return s.isEmpty() ? null : s;
  }

  private static List<String> columns(String text) {
    List<String> out = new ArrayList<>();
    for (String c : text.split(",")) {
      if (!c.isBlank()) {
        out.add(c.trim());
      }
    }
    return out;
  }

  private static InputFormat format(String name) {
    for (InputFormat f : InputFormat.values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return InputFormat.AUTO;
  }
}
