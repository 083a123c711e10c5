/**
 * MLEM as a Spark ML Estimator/Model pair, usable in an {@code org.apache.spark.ml.Pipeline}.
 *
 * <p>Lives here: {@link org.mlem.jobs.ml.MLEM} (the estimator: fits on a table of stimuli with
 * features and representations), {@link org.mlem.jobs.ml.MLEMModel} (W and the fit's results;
 * transforms a table of stimulus pairs into predicted distances),
 * {@link org.mlem.jobs.ml.MLEMParams} and {@link org.mlem.jobs.ml.MLEMParamSet} (the params,
 * declared once and shared), and our own persistence ({@code metadata/} JSON + {@code data/}
 * Parquet), written without Spark's {@code private[ml]} helpers.
 *
 * <p>Must not live here: the method's maths (core: {@code org.mlem.core}), file formats and
 * input validation ({@code org.mlem.jobs.io}), distribution ({@code org.mlem.jobs.spark}). Encoding
 * new values with the fitted ranges is core's {@code FeatureEncoder} / {@code FittedFeature}, and
 * the predicted distance core's {@code MetricDistance}; this package converts cells and
 * delegates.
 */
package org.mlem.jobs.ml;
