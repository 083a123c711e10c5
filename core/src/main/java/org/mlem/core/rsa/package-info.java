/**
 * Representational similarity analysis between representation sets (docs/method.md section 9):
 * the stimuli common to every set ({@link org.mlem.core.rsa.CommonStimuli}), the pairs shared by
 * every set's RDM ({@link org.mlem.core.rsa.SharedPairs}: all of them within a budget, else a
 * seeded sample of distinct pairs), the correlation of two RDMs on those pairs
 * ({@link org.mlem.core.rsa.RsaMeasure}: Spearman or Kendall's tau-a), the stimulus bootstrap
 * that gives each correlation a percentile interval ({@link org.mlem.core.rsa.StimulusBootstrap},
 * {@link org.mlem.core.rsa.WeightedSpearman}) and the matrix of every pair of sets
 * ({@link org.mlem.core.rsa.RsaMatrix}).
 *
 * <p>Plain Java on primitive arrays; randomness only from the run seed plus a position
 * ({@link org.mlem.core.pairs.PositionalRandom}), so a result does not depend on threads.
 *
 * <p>What must not live here: reading files, Spark, reports (the jobs module converts the data
 * and calls in here), the MLEM fit.
 */
package org.mlem.core.rsa;
