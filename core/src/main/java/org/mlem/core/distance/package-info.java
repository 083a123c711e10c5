/**
 * Neural dissimilarities between stimuli: the targets d_ij of MLEM (docs/method.md section 3).
 *
 * <p>Lives here: {@link org.mlem.core.distance.Representations} (validated n x D float32 neural
 * representations with stimulus ids), {@link org.mlem.core.distance.NeuralDistance} (the metrics),
 * the {@link org.mlem.core.distance.PairDistances} interface and its two implementations,
 * {@link org.mlem.core.distance.RepresentationDistances} (computed on demand from
 * representations; the hottest loop of the project) and
 * {@link org.mlem.core.distance.PrecomputedRdm} (lookup in a given RDM). All are
 * {@link java.io.Serializable} so the Spark module can broadcast them.
 *
 * <p>Must not live here: theoretical feature distances ({@code org.mlem.core.features}), target
 * scaling by the running min/max, ranking or training, file formats, anything Spark-specific.
 */
package org.mlem.core.distance;
