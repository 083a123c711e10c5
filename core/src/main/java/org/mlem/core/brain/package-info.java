/**
 * Brain data as neuroscientists hold it, read and cut into representation sets: NIfTI-1 and
 * NIfTI-2 volumes ({@link org.mlem.core.brain.NiftiReader}, {@link org.mlem.core.brain.NiftiHeader},
 * {@link org.mlem.core.brain.Affine}), masks and atlases of labelled regions
 * ({@link org.mlem.core.brain.Mask}, {@link org.mlem.core.brain.Atlas},
 * {@link org.mlem.core.brain.LabelTable}), a stimuli x voxels matrix of selected voxels
 * ({@link org.mlem.core.brain.VoxelMatrix}), the time windows of MEG/EEG epochs
 * ({@link org.mlem.core.brain.TimeWindows}), the spheres of a searchlight
 * ({@link org.mlem.core.brain.Searchlight}) and the float32 NIfTI-1 writer of its maps
 * ({@link org.mlem.core.brain.NiftiWriter}).
 *
 * <p>Everything reads bytes from an {@link java.io.InputStream} (and the writer writes to an
 * {@link java.io.OutputStream} or a local path), so the Spark module opens local
 * or {@code hdfs://} paths and hands the stream over. Bad content is an
 * {@link java.lang.IllegalArgumentException} whose message names the source and what is wrong.
 *
 * <p>Must not live here: Spark or Hadoop, fitting, the choice of which sets a sweep runs.
 */
package org.mlem.core.brain;
