/**
 * Theoretical features of stimuli and their per-feature distances delta_f(i, j) in [0, 1] (or a
 * simplex feature's signed coordinate differences)
 * (docs/method.md section 1).
 *
 * <p>Lives here: {@link org.mlem.core.features.FeatureTable} (raw, immutable, validated feature
 * columns of n stimuli), {@link org.mlem.core.features.FeatureSchema} (how to encode them: which
 * features, which {@link org.mlem.core.features.FeatureKind}, the distance used for missing
 * values) and {@link org.mlem.core.features.EncodedFeatures} (primitive per-feature arrays
 * writing the feature-distance vectors of pairs, allocation-free, for the training loop), with
 * {@link org.mlem.core.features.FeatureLayout} (which components of delta belong to which
 * feature: a SIMPLEX feature gives C - 1, its {@link org.mlem.core.features.SimplexCoordinates}
 * differences).
 * {@code FeatureTable} and {@code EncodedFeatures} are serializable for Spark broadcasts.
 *
 * <p>Must not live here: the learned metric and its expansion into pair features phi
 * (interactions), neural distances ({@code org.mlem.core.distance}), pair sampling
 * ({@code org.mlem.core.pairs}), file parsing (CSV/Parquet readers convert to a
 * {@code FeatureTable} elsewhere), anything Spark-specific.
 */
package org.mlem.core.features;
