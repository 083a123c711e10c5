package org.mlem.jobs.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.mlem.core.importance.ImportanceConfig;
import org.mlem.core.train.TrainingConfig;

/**
 * The {@link Param} objects of one {@link MLEM} or {@link MLEMModel} instance, created once with
 * that instance as parent (Spark requires every param to belong to its owner's uid), with their
 * validators and documented ranges; {@link #setDefaults} registers the defaults on the owner.
 *
 * <p>This is the single declaration of MLEM's params: {@link MLEMParams} exposes each one
 * through a public no-argument accessor, a typed getter and a fluent setter, shared by the
 * estimator and the model. Names and defaults are the command line's keys in camelCase.
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
  final IntParam batchSize;
  final IntParam maxSteps;
  final IntParam patience;
  final DoubleParam lr;
  final IntParam partitions;
  final Param<String> predictionCol;

  /**
   * Creates the params of one owner.
   *
   * @param owner the estimator or model whose uid the params carry (its uid must be set)
   */
  MLEMParamSet(Params owner) {
    idCol = new Param<>(owner, "idCol",
        "stimulus id column of the fit table (cast to string; ids must be unique)",
        ParamChecks.columnName());
    featureCols = new StringArrayParam(owner, "featureCols",
        "feature columns, in W's order (string/boolean = categorical, numeric = ordinal,"
            + " array<numeric>/vector = vector); empty = every column but idCol and"
            + " representationCol");
    representationCol = new Param<>(owner, "representationCol",
        "neural representation column of the fit table: array<float|double> or ML Vector",
        ParamChecks.columnName());
    model = new Param<>(owner, "model",
        "model family: " + ParamChecks.listed(ParamChecks.modelNames()),
        ParamValidators.inArray(ParamChecks.modelNames()));
    interactions = new BooleanParam(owner, "interactions",
        "whether W has interaction (off-diagonal) terms (false for frrsa, true for frrsa-i)");
    parametrization = new Param<>(owner, "parametrization",
        "how MLEM keeps W positive semidefinite: "
            + ParamChecks.listed(ParamChecks.parametrizationNames()),
        ParamValidators.inArray(ParamChecks.parametrizationNames()));
    stopping = new Param<>(owner, "stopping",
        "the score early stopping watches: " + ParamChecks.listed(ParamChecks.stoppingNames()),
        ParamValidators.inArray(ParamChecks.stoppingNames()));
    distance = new Param<>(owner, "distance",
        "distance between neural representations: "
            + ParamChecks.listed(ParamChecks.distanceNames()),
        ParamChecks.oneOf(ParamChecks.distanceNames()));
    strength = new Param<>(owner, "strength",
        "soft-rank strength, 'absolute:EPS' or 'relative:C' with a value > 0",
        ParamChecks.softRankStrength());
    seed = new LongParam(owner, "seed", "run seed: every random draw derives from it");
    testFraction = new DoubleParam(owner, "testFraction",
        "fraction of stimuli held out when folds = 0, in (0, 1)",
        ParamValidators.inRange(0.0, 1.0, false, false));
    folds = new IntParam(owner, "folds",
        "cross-validation folds: 0 for one train/test split, else >= 2",
        ParamChecks.zeroOrAtLeast(2));
    permutations = new IntParam(owner, "permutations",
        "permutations per importance unit, >= 0 (0 skips importance)",
        ParamValidators.gtEq(0));
    importance = new Param<>(owner, "importance",
        "permutation importance: " + ParamChecks.listed(ParamChecks.importanceNames())
            + " (stimulus: shuffle a feature's values across held-out stimuli, main and"
            + " interaction effects; term: the paper's, shuffle one term of W across held-out"
            + " pairs)",
        ParamValidators.inArray(ParamChecks.importanceNames()));
    batchSize = new IntParam(owner, "batchSize",
        "pairs per batch: 0 estimates it from the features, else >= 2",
        ParamChecks.zeroOrAtLeast(2));
    maxSteps = new IntParam(owner, "maxSteps", "maximum training steps, >= 1",
        ParamValidators.gtEq(1));
    patience = new IntParam(owner, "patience",
        "early-stopping patience in steps, >= 1", ParamValidators.gtEq(1));
    lr = new DoubleParam(owner, "lr", "AdamW learning rate, > 0", ParamValidators.gt(0.0));
    partitions = new IntParam(owner, "partitions",
        "Spark tasks per batch request: 0 = the default parallelism, else >= 1",
        ParamValidators.gtEq(0));
    predictionCol = new Param<>(owner, "predictionCol",
        "output column of the model's transform: the predicted distance of each pair",
        ParamChecks.columnName());
  }

  /** Registers every default on the owner (the command line's defaults). */
  void setDefaults(Params owner) {
    owner.setDefault(idCol, "id");
    owner.setDefault(featureCols, new String[0]);
    owner.setDefault(representationCol, "representation");
    owner.setDefault(model, "mlem");
    owner.setDefault(interactions, (Object) Boolean.TRUE);
    owner.setDefault(parametrization, TrainingConfig.DEFAULT_PARAMETRIZATION.cliName());
    owner.setDefault(stopping, TrainingConfig.DEFAULT_STOPPING.cliName());
    owner.setDefault(distance, "euclidean");
    owner.setDefault(strength, "absolute:1.0");
    owner.setDefault(seed, (Object) 0L);
    owner.setDefault(testFraction, (Object) 0.2);
    owner.setDefault(folds, (Object) 0);
    owner.setDefault(permutations, (Object) 10);
    owner.setDefault(importance, ImportanceConfig.DEFAULT_KIND.cliName());
    owner.setDefault(batchSize, (Object) 0);
    owner.setDefault(maxSteps, (Object) 1000);
    owner.setDefault(patience, (Object) 50);
    owner.setDefault(lr, (Object) 0.1);
    owner.setDefault(partitions, (Object) 0);
    owner.setDefault(predictionCol, "prediction");
  }
}
