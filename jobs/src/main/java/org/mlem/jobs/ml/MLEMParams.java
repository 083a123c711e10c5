package org.mlem.jobs.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The params shared by {@link MLEM} and {@link MLEMModel}, declared once.
 *
 * <p>Why an interface: the estimator and the model must extend different Spark classes
 * ({@code Estimator} and {@code Model}), so they cannot share a base class. Spark finds an
 * instance's params by reflection: every public no-argument method returning a {@link Param}
 * (this is how Spark's own {@code JavaTestParams} works), and the default methods of an
 * implemented interface are such methods. Each implementing class holds one
 * {@link MLEMParamSet}, created in its constructor with its own uid as the params' parent, and
 * returns it from {@link #mlemParams()}; this interface turns it into, per param, a public
 * accessor ({@code model()}), a typed getter ({@code getModel()}) and a fluent setter returning
 * the concrete type ({@code setModel(String)}, via {@link #self()}). Validators and defaults live
 * in {@link MLEMParamSet}; an invalid value fails in the setter with Spark's
 * {@code IllegalArgumentException} ("... parameter model given invalid value foo.").
 *
 * <p>Names and defaults are the command line's keys in camelCase (docs/method.md):
 * {@code idCol} ("id"), {@code featureCols} (empty = all but id and representation),
 * {@code representationCol} ("representation"), {@code model} ("mlem"), {@code interactions}
 * (true), {@code parametrization} ("projected"), {@code stopping} ("validation"),
 * {@code distance} ("euclidean"), {@code strength} ("absolute:1.0"), {@code seed} (0),
 * {@code testFraction} (0.2), {@code folds} (0), {@code permutations} (10),
 * {@code importance} ("stimulus"; or "term"), {@code scoring} ("spearman"; "pearson", "mse"),
 * {@code batchSize}
 * (0 = estimate), {@code maxSteps} (1000), {@code patience} (50), {@code lr} (0.1),
 * {@code partitions} (0), {@code kinds} ("" = inferred; e.g. "colour=simplex") and
 * {@code predictionCol} ("prediction", used by the model).
 *
 * @param <T> the implementing class, returned by the setters
 */
public interface MLEMParams<T extends MLEMParams<T>> extends Params {

  /**
   * The Param objects of this instance (created with its uid).
   *
   * @return the instance's param set
   */
  MLEMParamSet mlemParams();

  /**
   * This instance as its concrete type, for the fluent setters.
   *
   * @return this
   */
  T self();

  /** The param: the stimulus id column of the fit table (default "id"). */
  default Param<String> idCol() {
    return mlemParams().idCol;
  }

  /** @return the stimulus id column of the fit table (default "id") */
  default String getIdCol() {
    return $(idCol());
  }

  /**
   * Sets the stimulus id column of the fit table (default "id").
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setIdCol(String value) {
    set(idCol(), value);
    return self();
  }

  /** The param: the feature columns in W's order (default empty: every column but idCol and representationCol). */
  default StringArrayParam featureCols() {
    return mlemParams().featureCols;
  }

  /** @return the feature columns in W's order (default empty: every column but idCol and representationCol) */
  default String[] getFeatureCols() {
    return $(featureCols());
  }

  /**
   * Sets the feature columns in W's order (default empty: every column but idCol and representationCol).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setFeatureCols(String[] value) {
    set(featureCols(), value);
    return self();
  }

  /** The param: the representation column, array&lt;float|double&gt; or ML Vector (default "representation"). */
  default Param<String> representationCol() {
    return mlemParams().representationCol;
  }

  /** @return the representation column, array&lt;float|double&gt; or ML Vector (default "representation") */
  default String getRepresentationCol() {
    return $(representationCol());
  }

  /**
   * Sets the representation column, array&lt;float|double&gt; or ML Vector (default "representation").
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setRepresentationCol(String value) {
    set(representationCol(), value);
    return self();
  }

  /** The param: the model family: "mlem" (default), "frrsa" or "frrsa-i". */
  default Param<String> model() {
    return mlemParams().model;
  }

  /** @return the model family: "mlem" (default), "frrsa" or "frrsa-i" */
  default String getModel() {
    return $(model());
  }

  /**
   * Sets the model family: "mlem" (default), "frrsa" or "frrsa-i".
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setModel(String value) {
    set(model(), value);
    return self();
  }

  /** The param: whether W has interaction terms (default true; false for frrsa, true for frrsa-i). */
  default BooleanParam interactions() {
    return mlemParams().interactions;
  }

  /** @return whether W has interaction terms (default true; false for frrsa, true for frrsa-i) */
  default boolean getInteractions() {
    return (Boolean) $(interactions());
  }

  /**
   * Sets whether W has interaction terms (default true; false for frrsa, true for frrsa-i).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setInteractions(boolean value) {
    set(interactions(), (Boolean) value);
    return self();
  }

  /** The param: the neural distance: euclidean (default), sqeuclidean, manhattan, cosine, correlation, norm_diff. */
  default Param<String> distance() {
    return mlemParams().distance;
  }

  /** @return the neural distance: euclidean (default), sqeuclidean, manhattan, cosine, correlation, norm_diff */
  default String getDistance() {
    return $(distance());
  }

  /**
   * Sets the neural distance: euclidean (default), sqeuclidean, manhattan, cosine, correlation, norm_diff.
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setDistance(String value) {
    set(distance(), value);
    return self();
  }

  /** The param: how MLEM keeps W positive semidefinite, "projected" (default) or "cholesky". */
  default Param<String> parametrization() {
    return mlemParams().parametrization;
  }

  /** @return how MLEM keeps W positive semidefinite, "projected" (default) or "cholesky" */
  default String getParametrization() {
    return $(parametrization());
  }

  /**
   * Sets how MLEM keeps W positive semidefinite: "projected" (default; projected gradient on W)
   * or "cholesky" (the paper's W = L L^T).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setParametrization(String value) {
    set(parametrization(), value);
    return self();
  }

  /** The param: the score early stopping watches, "validation" (default) or "training". */
  default Param<String> stopping() {
    return mlemParams().stopping;
  }

  /** @return the score early stopping watches, "validation" (default) or "training" */
  default String getStopping() {
    return $(stopping());
  }

  /**
   * Sets the score early stopping watches: "validation" (default; one fixed batch of training
   * pairs) or "training" (each step's batch, the paper's rule).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setStopping(String value) {
    set(stopping(), value);
    return self();
  }

  /** The param: the soft-rank strength, "absolute:EPS" or "relative:C" (default "absolute:1.0"). */
  default Param<String> strength() {
    return mlemParams().strength;
  }

  /** @return the soft-rank strength, "absolute:EPS" or "relative:C" (default "absolute:1.0") */
  default String getStrength() {
    return $(strength());
  }

  /**
   * Sets the soft-rank strength, "absolute:EPS" or "relative:C" (default "absolute:1.0").
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setStrength(String value) {
    set(strength(), value);
    return self();
  }

  /** The param: the run seed (default 0). */
  default LongParam seed() {
    return mlemParams().seed;
  }

  /** @return the run seed (default 0) */
  default long getSeed() {
    return (Long) $(seed());
  }

  /**
   * Sets the run seed (default 0).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setSeed(long value) {
    set(seed(), (Long) value);
    return self();
  }

  /** The param: the held-out fraction when folds = 0, in (0, 1) (default 0.2). */
  default DoubleParam testFraction() {
    return mlemParams().testFraction;
  }

  /** @return the held-out fraction when folds = 0, in (0, 1) (default 0.2) */
  default double getTestFraction() {
    return (Double) $(testFraction());
  }

  /**
   * Sets the held-out fraction when folds = 0, in (0, 1) (default 0.2).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setTestFraction(double value) {
    set(testFraction(), (Double) value);
    return self();
  }

  /** The param: the cross-validation folds: 0 (default) for one train/test split, else &gt;= 2. */
  default IntParam folds() {
    return mlemParams().folds;
  }

  /** @return the cross-validation folds: 0 (default) for one train/test split, else &gt;= 2 */
  default int getFolds() {
    return (Integer) $(folds());
  }

  /**
   * Sets the cross-validation folds: 0 (default) for one train/test split, else &gt;= 2.
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setFolds(int value) {
    set(folds(), (Integer) value);
    return self();
  }

  /** The param: the permutations per importance unit, &gt;= 0 (default 10; 0 skips importance). */
  default IntParam permutations() {
    return mlemParams().permutations;
  }

  /** @return the permutations per importance unit, &gt;= 0 (default 10; 0 skips importance) */
  default int getPermutations() {
    return (Integer) $(permutations());
  }

  /**
   * Sets the permutations per importance unit, &gt;= 0 (default 10; 0 skips importance).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setPermutations(int value) {
    set(permutations(), (Integer) value);
    return self();
  }

  /**
   * The param: which permutation importance, "stimulus" (default: a feature's values shuffled
   * across held-out stimuli; main and interaction effects) or "term" (the paper's).
   */
  default Param<String> importance() {
    return mlemParams().importance;
  }

  /** @return which permutation importance, "stimulus" (default) or "term" */
  default String getImportance() {
    return $(importance());
  }

  /**
   * Sets which permutation importance, "stimulus" (default) or "term".
   *
   * @throws IllegalArgumentException if the value is not one of them (Spark's "given invalid
   *     value")
   */
  default T setImportance(String value) {
    set(importance(), value);
    return self();
  }

  /**
   * The param: the score of held-out evaluation and importance, "spearman" (default),
   * "pearson" or "mse" (after an affine map fitted on training pairs).
   */
  default Param<String> scoring() {
    return mlemParams().scoring;
  }

  /** @return the score of held-out evaluation and importance (default "spearman") */
  default String getScoring() {
    return $(scoring());
  }

  /**
   * Sets the score of held-out evaluation and importance: "spearman", "pearson" or "mse".
   *
   * @throws IllegalArgumentException if the value is not one of them (Spark's "given invalid
   *     value")
   */
  default T setScoring(String value) {
    set(scoring(), value);
    return self();
  }

  /**
   * The param: feature kind overrides, "NAME=KIND,..." with KIND categorical, ordinal, vector
   * or simplex (unset: every kind inferred from its column type).
   */
  default Param<String> kinds() {
    return mlemParams().kinds;
  }

  /** @return the feature kind overrides, "NAME=KIND,...", or "" (default: all inferred) */
  default String getKinds() {
    return $(kinds());
  }

  /**
   * Sets feature kind overrides, e.g. "colour=simplex,size=ordinal".
   *
   * @throws IllegalArgumentException if a kind is unknown (Spark's "given invalid value")
   */
  default T setKinds(String value) {
    set(kinds(), value);
    return self();
  }

  /** The param: the pairs per batch: 0 (default) estimates it, else &gt;= 2. */
  default IntParam batchSize() {
    return mlemParams().batchSize;
  }

  /** @return the pairs per batch: 0 (default) estimates it, else &gt;= 2 */
  default int getBatchSize() {
    return (Integer) $(batchSize());
  }

  /**
   * Sets the pairs per batch: 0 (default) estimates it, else &gt;= 2.
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setBatchSize(int value) {
    set(batchSize(), (Integer) value);
    return self();
  }

  /** The param: the maximum training steps, &gt;= 1 (default 1000). */
  default IntParam maxSteps() {
    return mlemParams().maxSteps;
  }

  /** @return the maximum training steps, &gt;= 1 (default 1000) */
  default int getMaxSteps() {
    return (Integer) $(maxSteps());
  }

  /**
   * Sets the maximum training steps, &gt;= 1 (default 1000).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setMaxSteps(int value) {
    set(maxSteps(), (Integer) value);
    return self();
  }

  /** The param: the early-stopping patience in steps, &gt;= 1 (default 50). */
  default IntParam patience() {
    return mlemParams().patience;
  }

  /** @return the early-stopping patience in steps, &gt;= 1 (default 50) */
  default int getPatience() {
    return (Integer) $(patience());
  }

  /**
   * Sets the early-stopping patience in steps, &gt;= 1 (default 50).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setPatience(int value) {
    set(patience(), (Integer) value);
    return self();
  }

  /** The param: the AdamW learning rate, &gt; 0 (default 0.1). */
  default DoubleParam lr() {
    return mlemParams().lr;
  }

  /** @return the AdamW learning rate, &gt; 0 (default 0.1) */
  default double getLr() {
    return (Double) $(lr());
  }

  /**
   * Sets the AdamW learning rate, &gt; 0 (default 0.1).
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setLr(double value) {
    set(lr(), (Double) value);
    return self();
  }

  /** The param: the Spark tasks per batch request: 0 (default) = the default parallelism, else &gt;= 1. */
  default IntParam partitions() {
    return mlemParams().partitions;
  }

  /** @return the Spark tasks per batch request: 0 (default) = the default parallelism, else &gt;= 1 */
  default int getPartitions() {
    return (Integer) $(partitions());
  }

  /**
   * Sets the Spark tasks per batch request: 0 (default) = the default parallelism, else &gt;= 1.
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setPartitions(int value) {
    set(partitions(), (Integer) value);
    return self();
  }

  /** The param: the model's output column (default "prediction"). */
  default Param<String> predictionCol() {
    return mlemParams().predictionCol;
  }

  /** @return the model's output column (default "prediction") */
  default String getPredictionCol() {
    return $(predictionCol());
  }

  /**
   * Sets the model's output column (default "prediction").
   *
   * @throws IllegalArgumentException if the value is out of range (Spark's "given invalid value")
   */
  default T setPredictionCol(String value) {
    set(predictionCol(), value);
    return self();
  }
}
