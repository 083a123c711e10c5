package org.mlem.jobs.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureValueType;
import org.mlem.core.features.FittedFeature;
import org.mlem.core.importance.UnitSummary;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The {@code data/} directory of a saved {@link MLEMModel}, as Parquet tables (doubles round
 * trip exactly):
 *
 * <ul>
 *   <li>{@code data/features}: index, name, value_type, kind, categories, min, max,
 *       missing_distance and {@code weights} (the feature's row of W; a SIMPLEX feature's C - 1
 *       rows, concatenated), one row per feature;
 *   <li>{@code data/importances}: index, unit, mean, std, ci_low, ci_high;
 *   <li>{@code data/scores}: fold, spearman, rho_a, tau_a;
 *   <li>{@code data/fit}: one row: format_version, spearman, batch_size, provenance (JSON).
 * </ul>
 */
final class MLEMModelFiles {
  static final String DIRECTORY = "data";

  static final StructType FEATURES = new StructType()
      .add("index", DataTypes.IntegerType, false)
      .add("name", DataTypes.StringType, false)
      .add("value_type", DataTypes.StringType, false)
      .add("kind", DataTypes.StringType, false)
      .add("categories", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("min", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("max", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("missing_distance", DataTypes.DoubleType, false)
      .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  /** The importance summary's columns, as {@link MLEMModel#importances()} returns them. */
  static final StructType IMPORTANCES = new StructType()
      .add("unit", DataTypes.StringType, false)
      .add("mean", DataTypes.DoubleType, false)
      .add("std", DataTypes.DoubleType, false)
      .add("ci_low", DataTypes.DoubleType, false)
      .add("ci_high", DataTypes.DoubleType, false);

  /** The held-out scores' columns, as {@link MLEMModel#scores()} returns them. */
  static final StructType SCORES = new StructType()
      .add("fold", DataTypes.IntegerType, false)
      .add("spearman", DataTypes.DoubleType, false)
      .add("rho_a", DataTypes.DoubleType, false)
      .add("tau_a", DataTypes.DoubleType, false);

  private static final StructType FIT = new StructType()
      .add("format_version", DataTypes.IntegerType, false)
      .add("spearman", DataTypes.DoubleType, false)
      .add("batch_size", DataTypes.IntegerType, false)
      .add("provenance", DataTypes.StringType, false);

  private MLEMModelFiles() {}

  /** Writes the model's data under {@code path/data}. */
  static void write(MLEMModelData data, String path, SparkSession spark) {
    String dir = path + "/" + DIRECTORY;
    List<Row> features = new ArrayList<>();
    double[][] w = data.weights();
    for (int f = 0, row = 0; f < data.features().size(); f++) {
      FittedFeature feature = data.features().get(f);
      double[] own = new double[feature.width() * w.length];
      for (int r = 0; r < feature.width(); r++, row++) {
        System.arraycopy(w[row], 0, own, r * w.length, w.length);
      }
      features.add(RowFactory.create(f, feature.name(), feature.valueType().label(),
          feature.kind().name(), feature.categories().toArray(new String[0]),
          boxed(feature.min()), boxed(feature.max()), feature.missingDistance(),
          boxed(own)));
    }
    writeTable(spark, features, FEATURES, dir + "/features");
    writeTable(spark, importanceRows(data, true), IMPORTANCES.add("index",
        DataTypes.IntegerType, false), dir + "/importances");
    writeTable(spark, scoreRows(data), SCORES, dir + "/scores");
    writeTable(spark, List.of(RowFactory.create(MLEMModelData.FORMAT_VERSION, data.spearman(),
        data.batchSize(), data.provenance())), FIT, dir + "/fit");
  }

  /** Reads the model's data under {@code path/data}. */
  static MLEMModelData read(String path, SparkSession spark) {
    String dir = path + "/" + DIRECTORY;
    List<Row> featureRows = sorted(org.mlem.jobs.io.LiteralPaths.read(spark).parquet(dir + "/features"), "index");
    List<FittedFeature> features = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    for (int f = 0; f < featureRows.size(); f++) {
      Row r = featureRows.get(f);
      FittedFeature feature = FittedFeature.of(r.getAs("name"),
          FeatureValueType.parse(r.getAs("value_type")), FeatureKind.valueOf(r.getAs("kind")),
          r.getList(r.fieldIndex("categories")), doubles(r, "min"), doubles(r, "max"),
          r.getAs("missing_distance"));
      features.add(feature);
      double[] own = doubles(r, "weights");
      int k = own.length / feature.width();
      for (int c = 0; c < feature.width(); c++) {
        rows.add(java.util.Arrays.copyOfRange(own, c * k, (c + 1) * k));
      }
    }
    double[][] weights = rows.toArray(new double[0][]);
    List<UnitSummary> importances = new ArrayList<>();
    for (Row r : sorted(org.mlem.jobs.io.LiteralPaths.read(spark).parquet(dir + "/importances"), "index")) {
      importances.add(new UnitSummary(r.getAs("unit"), r.getAs("mean"), r.getAs("std"),
          r.getAs("ci_low"), r.getAs("ci_high")));
    }
    List<MLEMModelData.FoldScore> scores = new ArrayList<>();
    for (Row r : sorted(org.mlem.jobs.io.LiteralPaths.read(spark).parquet(dir + "/scores"), "fold")) {
      scores.add(new MLEMModelData.FoldScore(r.getAs("fold"), r.getAs("spearman"),
          r.getAs("rho_a"), r.getAs("tau_a")));
    }
    Row fit = org.mlem.jobs.io.LiteralPaths.read(spark).parquet(dir + "/fit").first();
    int version = fit.getAs("format_version");
    if (version != MLEMModelData.FORMAT_VERSION) {
      throw new IllegalArgumentException(dir + " has format version " + version
          + " but this MLEM reads version " + MLEMModelData.FORMAT_VERSION
          + "; load it with the MLEM version that saved it");
    }
    String provenance = fit.getAs("provenance");
    ProvenanceJson.read(dir + "/fit provenance", provenance, ProvenanceRecord.MLLIB);
    return new MLEMModelData(features, weights, importances, scores, fit.getAs("spearman"),
        fit.getAs("batch_size"), provenance);
  }

  /** The importance summary rows, optionally with a trailing index column. */
  static List<Row> importanceRows(MLEMModelData data, boolean indexed) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < data.importances().size(); k++) {
      UnitSummary u = data.importances().get(k);
      rows.add(indexed
          ? RowFactory.create(u.unit(), u.mean(), u.std(), u.ciLow(), u.ciHigh(), k)
          : RowFactory.create(u.unit(), u.mean(), u.std(), u.ciLow(), u.ciHigh()));
    }
    return rows;
  }

  /** The held-out score rows. */
  static List<Row> scoreRows(MLEMModelData data) {
    List<Row> rows = new ArrayList<>();
    for (MLEMModelData.FoldScore s : data.scores()) {
      rows.add(RowFactory.create(s.fold(), s.spearman(), s.rhoA(), s.tauA()));
    }
    return rows;
  }

  private static void writeTable(SparkSession spark, List<Row> rows, StructType schema,
      String path) {
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
  }

  private static List<Row> sorted(Dataset<Row> table, String column) {
    List<Row> rows = new ArrayList<>(table.collectAsList());
    rows.sort(Comparator.comparingInt(r -> r.<Integer>getAs(column)));
    return rows;
  }

  private static Double[] boxed(double[] values) {
    return Arrays.stream(values).boxed().toArray(Double[]::new);
  }

  private static double[] doubles(Row row, String column) {
    List<Double> list = row.getList(row.fieldIndex(column));
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
