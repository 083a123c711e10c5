package org.mlem.jobs.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.Option;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.JobOptions;

/**
 * The {@link Param} objects of one {@link MLEM} or {@link MLEMModel} instance, created once with
 * that instance as parent (Spark requires every param to belong to its owner's uid), with their
 * validators and documented ranges; {@link #setDefaults} registers the defaults on the owner.
 *
 * <p>Names, docs, rules and defaults come from the option table (the command line's keys in
 * camelCase, see {@link Option#paramName()}), so the params accept and default exactly what the
 * command line and the config files do. {@link MLEMParams} exposes each one through a public
 * no-argument accessor, a typed getter and a fluent setter, shared by the estimator and the
 * model.
 */
public final class MLEMParamSet implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  final Param<String> idCol;
  final StringArrayParam featureCols;
  final Param<String> representationCol;
  final Param<String> model;
  final BooleanParam interactions;
  final Param<String> parametrization;
  final Param<String> stopping;
  final Param<String> distance;
  final Param<String> strength;
  final LongParam seed;
  final DoubleParam testFraction;
  final IntParam folds;
  final IntParam permutations;
  final Param<String> importance;
  final Param<String> scoring;
  final IntParam batchSize;
  final IntParam maxSteps;
  final IntParam patience;
  final DoubleParam lr;
  final IntParam partitions;
  final Param<String> kinds;
  final Param<String> predictionCol;

  /** The table options exposed as params, in the order of their fields above. */
  static final List<Option<?>> OPTIONS = List.of(MlemOptions.ID_COLUMN, MlemOptions.MODEL,
      MlemOptions.INTERACTIONS, MlemOptions.PARAMETRIZATION, MlemOptions.STOPPING,
      MlemOptions.DISTANCE, MlemOptions.STRENGTH, MlemOptions.SEED, MlemOptions.TEST_FRACTION,
      MlemOptions.FOLDS, MlemOptions.PERMUTATIONS, MlemOptions.IMPORTANCE, MlemOptions.SCORING,
      MlemOptions.BATCH_SIZE, MlemOptions.MAX_STEPS, MlemOptions.PATIENCE, MlemOptions.LR,
      JobOptions.PARTITIONS, MlemOptions.KINDS);

  /**
   * Creates the params of one owner: names, docs, rules and defaults from the option table
   * ({@link MlemOptions}, {@link JobOptions}), the MLlib-only columns declared here.
   *
   * @param owner the estimator or model whose uid the params carry (its uid must be set)
   */
  MLEMParamSet(Params owner) {
    idCol = TableParams.text(owner, MlemOptions.ID_COLUMN);
    featureCols = new StringArrayParam(owner, "featureCols",
        "feature columns, in W's order (string/boolean = categorical, numeric = ordinal,"
            + " array<numeric>/vector = vector); empty = every column but idCol and"
            + " representationCol");
    representationCol = new Param<>(owner, "representationCol",
        "neural representation column of the fit table: array<float|double> or ML Vector",
        ParamChecks.columnName());
    model = TableParams.text(owner, MlemOptions.MODEL);
    interactions = TableParams.flag(owner, MlemOptions.INTERACTIONS);
    parametrization = TableParams.text(owner, MlemOptions.PARAMETRIZATION);
    stopping = TableParams.text(owner, MlemOptions.STOPPING);
    distance = TableParams.text(owner, MlemOptions.DISTANCE);
    strength = TableParams.text(owner, MlemOptions.STRENGTH);
    seed = TableParams.longParam(owner, MlemOptions.SEED);
    testFraction = TableParams.doubleParam(owner, MlemOptions.TEST_FRACTION);
    folds = TableParams.intParam(owner, MlemOptions.FOLDS);
    permutations = TableParams.intParam(owner, MlemOptions.PERMUTATIONS);
    importance = TableParams.text(owner, MlemOptions.IMPORTANCE);
    scoring = TableParams.text(owner, MlemOptions.SCORING);
    batchSize = TableParams.intParam(owner, MlemOptions.BATCH_SIZE);
    maxSteps = TableParams.intParam(owner, MlemOptions.MAX_STEPS);
    patience = TableParams.intParam(owner, MlemOptions.PATIENCE);
    lr = TableParams.doubleParam(owner, MlemOptions.LR);
    partitions = TableParams.intParam(owner, JobOptions.PARTITIONS);
    kinds = TableParams.optionalText(owner, MlemOptions.KINDS);
    predictionCol = new Param<>(owner, "predictionCol",
        "output column of the model's transform: the predicted distance of each pair",
        ParamChecks.columnName());
  }

  /** The params of the table options, in {@link #OPTIONS} order. */
  List<Param<?>> tableParams() {
    return List.of(idCol, model, interactions, parametrization, stopping, distance, strength,
        seed, testFraction, folds, permutations, importance, scoring, batchSize, maxSteps,
        patience, lr, partitions, kinds);
  }

  /** Registers every default on the owner (the option table's defaults). */
  void setDefaults(Params owner) {
    List<Param<?>> params = tableParams();
    for (int i = 0; i < OPTIONS.size(); i++) {
      TableParams.setDefault(owner, params.get(i), OPTIONS.get(i));
    }
    owner.setDefault(kinds, "");
    owner.setDefault(featureCols, new String[0]);
    owner.setDefault(representationCol, "representation");
    owner.setDefault(predictionCol, "prediction");
  }

  /**
   * The settings of the table options the owner has set explicitly (an unset param reads as the
   * option's default, exactly as on the command line).
   */
  Settings explicitSettings(Params owner) {
    Map<String, Object> given = new LinkedHashMap<>();
    List<Param<?>> params = tableParams();
    for (int i = 0; i < OPTIONS.size(); i++) {
      // an empty optional text (kinds) is "not given"
      if (owner.isSet(params.get(i)) && !"".equals(owner.getOrDefault(params.get(i)))) {
        given.put(OPTIONS.get(i).key(), owner.getOrDefault(params.get(i)));
      }
    }
    return Settings.fromValues(OptionTable.of(OPTIONS), given, "MLEM params");
  }
}
