/**
 * Synthetic data for MLEM (Jalouzot, Pallier, Chemla, Lakretz, arXiv:2402.11608): the
 * simulation study of the paper's section 2.5.1 ({@link org.mlem.core.sim.SimulationStudy},
 * docs/method.md section 8), a paper-scale dataset shaped like the relative-clause dataset of Table S1
 * ({@link org.mlem.core.sim.LanguageLikeDataset}), and the building blocks they need: a random
 * SPD ground-truth metric ({@link org.mlem.core.sim.RandomSpd}), classical multidimensional
 * scaling ({@link org.mlem.core.sim.ClassicalMds}) and the paper's per-dimension Gaussian noise
 * ({@link org.mlem.core.sim.NoiseInjection}); and planted-effect brain data for testing
 * searchlight and time-resolved analyses end to end: a small fMRI-like grid with two features
 * encoded in two known regions ({@link org.mlem.core.sim.PlantedVolume}) and MEG-like epochs
 * with a feature encoded in a known time interval ({@link org.mlem.core.sim.PlantedTimeCourse}),
 * with their feature tables ({@link org.mlem.core.sim.PlantedFeatures}).
 *
 * <p>Generators return plain values ({@link org.mlem.core.sim.SyntheticDataset},
 * {@link org.mlem.core.sim.SyntheticColumn}: arrays and records) so that this package depends on
 * no other MLEM package; converting them to feature tables and representations is the caller's
 * job. Randomness comes only from the explicit seed passed in (SplitMix64 streams derived from
 * it): the same arguments give the same dataset bit for bit. Linear algebra (SVD, symmetric
 * eigendecomposition) is EJML's.
 *
 * <p>What must not live here: training, distances or scores used by the method itself, file
 * input/output (except the planted generators' own local writers of their features CSV and
 * NIfTI files, through {@link org.mlem.core.brain.NiftiWriter}, so tests and jobs build the same
 * fixtures), and anything depending on Spark.
 */
package org.mlem.core.sim;
