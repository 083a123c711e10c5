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
 * input validation ({@code org.mlem.jobs.io}), distribution ({@code org.mlem.jobs.spark}). The
 * one exception is {@code FittedFeature}: encoding a NEW value with the fitted ranges, which
 * core does not expose; it mirrors core's encoding exactly.
 */
package org.mlem.jobs.ml;
