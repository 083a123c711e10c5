/**
 * FR-RSA as published (Kaniuth and Hebart 2022): fractional ridge regression (Rokem and Kay 2020)
 * of the neural distances on the standardized feature RDMs, with the fraction chosen by an inner
 * cross-validation over stimulus-disjoint folds (docs/method.md, "FR-RSA with fractional ridge").
 * Plain Java on EJML; no Spark.
 */
package org.mlem.core.ridge;
