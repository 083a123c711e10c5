/**
 * {@code mlem searchlight}: one MLEM fit per sphere of a searchlight over NIfTI volumes under a
 * mask, run as Spark tasks ({@link org.mlem.jobs.tasks.SmallFits}), resumable by completed
 * spheres, written as one long table and NIfTI maps on the volumes' grid.
 */
package org.mlem.jobs.searchlight;
