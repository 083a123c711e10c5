package org.mlem.jobs.ml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.evaluation.HeldOutScores;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureEncoder;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.io.FeatureFrames;
import org.mlem.jobs.io.RepresentationFrames;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.spark.SparkPairSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLEM (Metric Learning Encoding Models; Jalouzot et al., arXiv:2402.11608) as a Spark ML
 * {@link Estimator}: learns the feature metric W whose distances {@code sqrt(delta^T W delta)}
 * between stimuli best rank-correlate (soft Spearman; Blondel et al. 2020) with the distances
 * between their neural representations.
 *
 * <p>Input of {@link #fit}: one row per stimulus with an id column ({@code idCol}), feature
 * columns ({@code featureCols}; string/boolean = categorical, numeric = ordinal,
 * array/vector = vector; empty = every other column) and a representation column
 * ({@code representationCol}: array&lt;float|double&gt; or ML Vector). The schema is validated
 * first (Spark's wording), the table is collected to the driver and converted by
 * {@link FeatureFrames} / {@link RepresentationFrames}, and core's {@link Mlem} runs the analysis
 * (train/test split or folds, held-out scores, permutation importance) with its batches and
 * importance rounds computed by Spark tasks ({@link SparkPairSourceFactory}): the result is
 * bit-identical to {@code Mlem.with(toConfig()).analyze(...)} in-process. The returned
 * {@link MLEMModel} predicts distances between pairs of stimuli.
 *
 * <pre>{@code
 * MLEMModel model = new MLEM().setIdCol("id").setRepresentationCol("embedding")
 *     .setFeatureCols(new String[] {"color", "size"}).setSeed(1).setPermutations(10)
 *     .fit(stimuli);
 * model.importances().show();
 * model.transform(MLEMModel.pairsOf(newStimuli, "id", model.featureNames())).show();
 * }</pre>
 *
 * <p>Params: see {@link MLEMParams}. Persistence: {@link #write()} / {@link #save(String)} write
 * the params as {@code path/metadata} JSON; {@link #load(String)} restores them.
 */
public final class MLEM extends Estimator<MLEMModel> implements MLEMParams<MLEM>, MLWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MLEM.class);
  private static final String SOURCE = "MLEM fit input";

  private final String uid;
  private final MLEMParamSet mlemParams;

  /** A new estimator with a random uid and the default params. */
  public MLEM() {
    this(Identifiable.randomUID("mlem"));
  }

  /**
   * A new estimator with the given uid and the default params.
   *
   * @param uid the unique id (Spark's {@code Identifiable})
   */
  public MLEM(String uid) {
    this.uid = uid;
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
  public MLEM self() {
    return this;
  }

  /** Sets the feature columns from a list (see {@link #setFeatureCols(String[])}). */
  public MLEM setFeatureCols(List<String> columns) {
    return setFeatureCols(columns.toArray(new String[0]));
  }

  /**
   * The core configuration these params describe; the same {@code MlemConfig} run in-process
   * gives the same result as {@link #fit}.
   *
   * @throws IllegalArgumentException if the params are inconsistent (e.g. model frrsa with
   *     interactions), with core's message
   */
  public MlemConfig toConfig() {
    return MlemConfig.fromSettings(mlemParams.explicitSettings(this));
  }

  /**
   * The feature columns a fit on this schema uses: {@code featureCols}, or every column but the
   * id and representation columns.
   */
  List<String> featureColumns(StructType schema) {
    String[] chosen = getFeatureCols();
    if (chosen.length > 0) {
      return Arrays.asList(chosen);
    }
    List<String> columns = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      if (!name.equals(getIdCol()) && !name.equals(getRepresentationCol())) {
        columns.add(name);
      }
    }
    return columns;
  }

  /**
   * Validates the fit table's schema: the id column exists; each feature column exists, is not
   * the id or representation column, and is string, boolean, numeric, array&lt;numeric&gt; or
   * vector; the representation column is array&lt;float|double&gt; or vector. The model
   * transforms a different table (pairs, see {@link MLEMModel}), so the schema is returned
   * unchanged.
   *
   * @throws IllegalArgumentException naming the column, e.g. "Column representation must be of
   *     type array&lt;float&gt;, array&lt;double&gt; or vector but was actually string."
   */
  @Override
  public StructType transformSchema(StructType schema) {
    ColumnTypes.requireColumn(schema, getIdCol(), "idCol");
    ColumnTypes.requireColumn(schema, getRepresentationCol(), "representationCol");
    DataType representation = schema.apply(getRepresentationCol()).dataType();
    if (!(ColumnTypes.isNumericArray(representation) || ColumnTypes.isVector(representation))) {
      throw ColumnTypes.wrongType(getRepresentationCol(),
          "array<float>, array<double> or vector", representation);
    }
    List<String> features = featureColumns(schema);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("MLEM: no feature columns besides idCol '" + getIdCol()
          + "' and representationCol '" + getRepresentationCol() + "'; add feature columns");
    }
    for (String name : features) {
      ColumnTypes.requireColumn(schema, name, "feature column");
      if (name.equals(getIdCol()) || name.equals(getRepresentationCol())) {
        throw new IllegalArgumentException("MLEM: feature column '" + name + "' is also the "
            + (name.equals(getIdCol()) ? "idCol" : "representationCol")
            + "; choose other featureCols");
      }
      DataType type = schema.apply(name).dataType();
      if (ColumnTypes.valueType(type) == null) {
        throw ColumnTypes.wrongType(name, "string, boolean, numeric, array<numeric> or vector",
            type);
      }
    }
    return schema;
  }

  /**
   * Fits MLEM on a table of stimuli (see the class comment).
   *
   * @throws IllegalArgumentException on a schema error, bad input (null or duplicate ids, a
   *     constant feature, NaN in representations, ...) or inconsistent params
   */
  @Override
  public MLEMModel fit(Dataset<?> dataset) {
    StructType schema = transformSchema(dataset.schema());
    List<String> features = featureColumns(schema);
    MlemConfig config = toConfig();
    if (config.training().model().isRidge()) {
      throw new IllegalArgumentException("model " + config.training().model().cliName()
          + " has no metric W for the fitted model's pair distances sqrt(delta^T W delta); "
          + "fit it with mlem fit, or use mlem, frrsa or frrsa-i here");
    }
    Dataset<Row> frame = dataset.toDF();
    FeatureTable table = FeatureFrames.toFeatureTable(frame, getIdCol(), features, SOURCE);
    FeatureSchema featureSchema = FeatureSchema.inferred();
    Map<String, FeatureKind> declared = mlemParams().explicitSettings(this).get(MlemOptions.KINDS);
    if (declared != null) {
      for (Map.Entry<String, FeatureKind> kind : declared.entrySet()) {
        featureSchema = featureSchema.withKind(kind.getKey(), kind.getValue());
      }
    }
    FeatureEncoder encoder = featureSchema.fit(table);
    EncodedFeatures encoded = encoder.encode(table);
    Representations representations = inIdOrder(RepresentationFrames.toRepresentations(
        frame, getIdCol(), getRepresentationCol(), SOURCE), encoded.ids());
    RepresentationDistances distances = new RepresentationDistances(representations,
        NeuralDistance.parse(getDistance()));
    SparkSession spark = dataset.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LOG.info("fitting MLEM on {} stimuli x {} features ({} dims), seed {}", encoded.size(),
        encoded.featureCount(), representations.dims(), getSeed());
    MlemAnalysis analysis;
    try (SparkPairSourceFactory sources =
        new SparkPairSourceFactory(jsc, encoded, distances, getPartitions())) {
      analysis = Mlem.with(config).analyze(encoded, sources, TrainingProgress.NONE,
          distances.size());
    }
    List<MLEMModelData.FoldScore> scores = new ArrayList<>();
    analysis.folds().forEach(fold -> {
      HeldOutScores s = fold.scores();
      scores.add(new MLEMModelData.FoldScore(fold.fold(), s.spearman(), s.rhoA(), s.tauA()));
    });
    MLEMModelData data = new MLEMModelData(encoder.features(), analysis.weights(),
        analysis.importanceSummary(), scores, analysis.spearman(),
        analysis.provenance().batchSize(),
        ProvenanceJson.write(FitProvenance.of(analysis.provenance(), spark.version(),
            jsc.master())));
    return copyValues(new MLEMModel(uid, data).setParent(this), new ParamMap());
  }

  /** The representations in the feature table's id order (both come from the same frame). */
  private static Representations inIdOrder(Representations reps, List<String> ids) {
    try {
      return reps.reorderedTo(ids);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SOURCE + ": " + e.getMessage(), e);
    }
  }

  /** A copy with the same uid and params, plus {@code extra}. */
  @Override
  public MLEM copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** A writer of this estimator's params ({@code path/metadata}). */
  @Override
  public MLWriter write() {
    return new MLEMWriter(this, null);
  }

  /** A reader of saved estimators. */
  public static MLReader<MLEM> read() {
    return new MLReader<>() {
      @Override
      public MLEM load(String path) {
        JsonNode metadata = MLEMMetadata.read(path, MLEM.class, sparkSession());
        MLEM estimator = new MLEM(metadata.path("uid").asText());
        MLEMMetadata.applyParams(metadata, estimator);
        return estimator;
      }
    };
  }

  /**
   * Loads a saved estimator.
   *
   * @param path where {@link #save(String)} wrote it
   */
  public static MLEM load(String path) {
    return read().load(path);
  }
}
