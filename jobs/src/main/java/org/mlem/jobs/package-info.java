/**
 * MLEM on Apache Spark: jobs, inputs and outputs, the MLlib Estimator/Model. Converts data and
 * delegates to {@code org.mlem.core}; no maths lives here.
 */
package org.mlem.jobs;
