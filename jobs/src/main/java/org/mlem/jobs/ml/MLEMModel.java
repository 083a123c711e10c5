package org.mlem.jobs.ml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FittedFeature;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * A fitted MLEM metric as a Spark ML {@link Model}: W (F x F) over the fitted features, with the
 * fit's importance summary, held-out scores and provenance.
 *
 * <p><b>{@link #transform}</b> predicts the distance of PAIRS of stimuli, one pair per row: for
 * each feature {@code f} of the model the input has columns {@code f_1} and {@code f_2} (the two
 * stimuli's values, of the fit column's type; null = missing); other columns are kept. It appends
 * {@code predictionCol} = {@code sqrt(delta^T W delta)}, where delta_f is feature f's distance
 * computed with the encoding stored at fit time: categories as seen at fit (0 if equal, 1 if
 * not; a category unseen at fit counts as different, even from itself); ordinal values min-max
 * scaled with the fitted range and clamped to [0, 1]; vectors likewise per component, then the
 * Euclidean distance over sqrt(dim), at most 1; a missing value on either side gives the fitted
 * missing distance (0): core's {@code FittedFeature#distance}. For two stimuli of the fit table
 * this is exactly core's delta. The distance is core's {@code MetricDistance}; a negative form (possible only for the
 * unconstrained frrsa-i model) predicts 0. {@link #pairsOf} builds such a table from a table
 * of stimuli.
 *
 * <p>Persistence: {@link #write()} / {@link #save(String)} write {@code path/metadata} (params,
 * JSON) and {@code path/data} (Parquet: features and encodings, W, importances, scores,
 * provenance); {@link #load(String)} restores everything. Saving over an existing path fails
 * unless {@code write().overwrite()} is used.
 */
public final class MLEMModel extends Model<MLEMModel> implements MLEMParams<MLEMModel>,
    MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MLEMParamSet mlemParams;
  private final MLEMModelData data;

  MLEMModel(String uid, MLEMModelData data) {
    this.uid = uid;
    this.data = data;
    this.mlemParams = new MLEMParamSet(this);
    mlemParams.setDefaults(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MLEMParamSet mlemParams() {
    return mlemParams;
  }

  @Override
  public MLEMModel self() {
    return this;
  }

  /**
   * W, the fitted metric (F x F, symmetric, unit Frobenius norm; for folds, the mean of the
   * folds' matrices rescaled to unit norm), rows and columns in {@link #weightNames()} order
   * (the features' order; a SIMPLEX feature has C - 1 rows, its coordinates).
   *
   * @return a copy
   */
  public double[][] weights() {
    return data.weightsCopy();
  }

  /**
   * The feature names (the columns {@link #pairsOf} pairs), in W's order.
   *
   * @return an immutable list of F names
   */
  public List<String> featureNames() {
    return data.featureNames();
  }

  /**
   * The names of W's rows: the feature names, except that a SIMPLEX feature f of C levels has
   * rows f[1], ..., f[C-1] (its simplex coordinates).
   *
   * @return an immutable list of W's size names
   */
  public List<String> weightNames() {
    return List.copyOf(data.componentNames());
  }

  /**
   * The kind each feature was encoded as, in W's order.
   *
   * @return an immutable list of F kinds
   */
  public List<FeatureKind> featureKinds() {
    List<FeatureKind> kinds = new ArrayList<>();
    data.features().forEach(f -> kinds.add(f.kind()));
    return List.copyOf(kinds);
  }

  /**
   * The permutation-importance summary per unit, of the kind {@link #getImportance()} says:
   * "stimulus" (default; a feature's row is its main effect, "a:b" the interaction effect) or
   * "term" (the paper's; features' terms, interactions "a:b", then "total:feature"). Columns
   * unit, mean, std, ci_low, ci_high: with folds >= 2 the 95% interval is Student t with K - 1
   * degrees of freedom over the K per-fold means; with one split it reflects permutation noise
   * only (t over the permutations). Empty when the fit had permutations = 0.
   *
   * @return a DataFrame on the active Spark session
   */
  public Dataset<Row> importances() {
    return SparkSession.active().createDataFrame(MLEMModelFiles.importanceRows(data, false),
        MLEMModelFiles.IMPORTANCES);
  }

  /**
   * The held-out scores per fold: columns fold, spearman, rho_a, tau_a.
   *
   * @return a DataFrame on the active Spark session
   */
  public Dataset<Row> scores() {
    return SparkSession.active().createDataFrame(MLEMModelFiles.scoreRows(data),
        MLEMModelFiles.SCORES);
  }

  /**
   * The held-out Spearman correlation: the split's, or the Fisher-z average over folds.
   *
   * @return a value in [-1, 1]
   */
  public double spearman() {
    return data.spearman();
  }

  /**
   * The batch size the fit used (estimated when the batchSize param was 0; {@link #getBatchSize()} is the param).
   *
   * @return pairs per batch
   */
  public int fittedBatchSize() {
    return data.batchSize();
  }

  /**
   * The fit's provenance: resolved config (with the Spark master), seed, versions (MLEM, Java,
   * Spark), timings, warnings, and the details counts (stimuli, features), feature_names,
   * batch_size and batch_size_estimated. A model saved before provenance format version 2
   * reads back migrated ({@link ProvenanceJson#read}).
   *
   * @return the record
   */
  public ProvenanceRecord provenance() {
    return ProvenanceJson.read(uid() + " provenance", data.provenance(), ProvenanceRecord.MLLIB);
  }

  MLEMModelData data() {
    return data;
  }

  /**
   * Validates a pairs table: for each feature f, columns {@code f_1} and {@code f_2} of the fit
   * column's type (string, boolean, numeric, or array&lt;numeric&gt;/vector), and no existing
   * {@code predictionCol}.
   *
   * @return the schema with {@code predictionCol} (double, not null) appended
   * @throws IllegalArgumentException naming the column, in Spark's wording
   */
  @Override
  public StructType transformSchema(StructType schema) {
    for (FittedFeature feature : data.features()) {
      for (String column : pairColumns(feature.name())) {
        ColumnTypes.requireColumn(schema, column, "pair column");
        DataType type = schema.apply(column).dataType();
        if (feature.valueType() != ColumnTypes.valueType(type)) {
          throw ColumnTypes.wrongType(column, ColumnTypes.describe(feature.valueType()), type);
        }
      }
    }
    if (Arrays.asList(schema.fieldNames()).contains(getPredictionCol())) {
      throw new IllegalArgumentException("Output column " + getPredictionCol()
          + " already exists.");
    }
    return schema.add(getPredictionCol(), DataTypes.DoubleType, false);
  }

  /**
   * Appends the predicted distance of each pair (see the class comment).
   *
   * @param pairs one pair of stimuli per row, with columns {@code f_1}, {@code f_2} per feature
   * @return the pairs with {@code predictionCol}
   */
  @Override
  public Dataset<Row> transform(Dataset<?> pairs) {
    transformSchema(pairs.schema());
    List<Column> cells = new ArrayList<>();
    for (FittedFeature feature : data.features()) {
      for (String column : pairColumns(feature.name())) {
        cells.add(functions.col(column));
      }
    }
    UserDefinedFunction predict = functions.udf(
        new PairDistanceFunction(data.features(), data.weights()), DataTypes.DoubleType)
        .asNonNullable();
    return pairs.toDF().withColumn(getPredictionCol(),
        predict.apply(functions.struct(cells.toArray(new Column[0]))));
  }

  /**
   * Builds the pairs table {@link #transform} takes from a table of stimuli: every unordered
   * pair (a self cross join keeping {@code id_1 < id_2}), with columns {@code id_1},
   * {@code id_2} and, per feature f, {@code f_1} and {@code f_2}.
   *
   * @param stimuli one row per stimulus
   * @param idCol the id column (ids comparable, e.g. strings)
   * @param features the feature columns, e.g. {@link #featureNames()}
   * @return n(n-1)/2 rows
   * @throws IllegalArgumentException if a column is missing (listing the available ones)
   */
  public static Dataset<Row> pairsOf(Dataset<Row> stimuli, String idCol, List<String> features) {
    StructType schema = stimuli.schema();
    ColumnTypes.requireColumn(schema, idCol, "id column");
    for (String feature : features) {
      ColumnTypes.requireColumn(schema, feature, "feature column");
    }
    Dataset<Row> first = stimuli.select(side(idCol, features, "_1"));
    Dataset<Row> second = stimuli.select(side(idCol, features, "_2"));
    return first.crossJoin(second).where(functions.col("id_1").lt(functions.col("id_2")));
  }

  private static Column[] side(String idCol, List<String> features, String suffix) {
    Column[] columns = new Column[features.size() + 1];
    columns[0] = functions.col(idCol).as("id" + suffix);
    for (int f = 0; f < features.size(); f++) {
      columns[f + 1] = functions.col(features.get(f)).as(features.get(f) + suffix);
    }
    return columns;
  }

  private static String[] pairColumns(String feature) {
    return new String[] {feature + "_1", feature + "_2"};
  }

  /** A copy with the same uid, data and params, plus {@code extra}. */
  @Override
  public MLEMModel copy(ParamMap extra) {
    MLEMModel copy = copyValues(new MLEMModel(uid, data), extra);
    return copy.setParent(parent());
  }

  /** A writer of this model ({@code path/metadata} and {@code path/data}). */
  @Override
  public MLWriter write() {
    return new MLEMWriter(this, data);
  }

  /** A reader of saved models. */
  public static MLReader<MLEMModel> read() {
    return new MLReader<>() {
      @Override
      public MLEMModel load(String path) {
        JsonNode metadata = MLEMMetadata.read(path, MLEMModel.class, sparkSession());
        MLEMModel model = new MLEMModel(metadata.path("uid").asText(),
            MLEMModelFiles.read(path, sparkSession()));
        MLEMMetadata.applyParams(metadata, model);
        return model;
      }
    };
  }

  /**
   * Loads a saved model.
   *
   * @param path where {@link #save(String)} wrote it
   */
  public static MLEMModel load(String path) {
    return read().load(path);
  }
}
