/**
 * Layer sweeps ({@code mlem sweep}): one feature table against many representation sets, one
 * shared batch size, one {@code mlem fit} run directory per set, resumable (complete sets are
 * skipped), degenerate sets recorded as failed rows instead of crashing, and a combined long
 * table over every set. Sets are files, HDF5 datasets, .npz arrays, .safetensors tensors, table
 * values, or cuts of brain data read once ({@link org.mlem.jobs.sweep.VolumeSets}: ROIs of NIfTI
 * volumes; {@link org.mlem.jobs.sweep.WindowSets}: time windows of epochs). Each set's seed derives from the run seed and the set's name only
 * ({@link org.mlem.jobs.sweep.SetSeeds}), so results do not depend on order or concurrency. No
 * maths here: every number comes from the core.
 */
package org.mlem.jobs.sweep;
