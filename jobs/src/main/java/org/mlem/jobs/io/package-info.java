/**
 * Inputs of the jobs: feature tables (Parquet, CSV) and representations (Parquet, CSV, NumPy
 * .npy and .npz, HDF5, .safetensors, precomputed RDM) read through Spark/Hadoop, validated,
 * joined by id and converted to core types; NIfTI images and label tables opened for the core's
 * readers ({@link org.mlem.jobs.io.NiftiFiles}); epochs and time vectors
 * ({@link org.mlem.jobs.io.ArrayFiles}). No maths here.
 *
 * <p>Entry points: {@link org.mlem.jobs.io.InputLoader#load} (both inputs, joined and encoded),
 * {@link org.mlem.jobs.io.InputPaths#requireReadable} (path checks before any Spark work), and
 * the DataFrame converters {@link org.mlem.jobs.io.FeatureFrames} and
 * {@link org.mlem.jobs.io.RepresentationFrames} (used by the MLlib Estimator as well). Every bad
 * input is an {@link org.mlem.jobs.io.InputException} naming the file, column, row or id. Ids
 * are joined, never matched by position (core's {@link org.mlem.core.distance.IdJoin}, with the
 * {@link org.mlem.core.distance.IdsFrom} rule), except for .npy/HDF5 arrays without an ids file,
 * whose rows follow the feature table's order. Every representation file format is one
 * {@link org.mlem.jobs.io.RepresentationFormat}; a directory is inspected
 * ({@link org.mlem.jobs.io.DirectoryContents}) before it is read. Before Spark starts, the
 * command line resolves the formats and checks the named columns of local single-file tables
 * ({@link org.mlem.jobs.io.ColumnChecks}); a failure inside Spark is reported by its root cause
 * ({@link org.mlem.jobs.io.FailureCauses}). For the in-process engine,
 * {@link org.mlem.jobs.io.InputLoader#loadWithoutSpark} reads plain local CSV
 * ({@link org.mlem.jobs.io.PlainCsv}) and Parquet ({@link org.mlem.jobs.io.PlainParquet}) tables
 * and arrays on the driver, with Spark's row order, checks and messages, and returns empty for
 * anything Spark must read.
 *
 * <p>For the partitioned placement, {@link org.mlem.jobs.io.PartitionedInputLoader} and
 * {@link org.mlem.jobs.io.PartitionedRepresentationReader} read Parquet/CSV representations with
 * Spark, validate them with distributed queries (same messages as the driver-side loader) and
 * join them to the feature ids by id, never collecting the matrix; .npy/HDF5 are read on the
 * driver (the driver must hold that matrix) and parallelized by the caller.
 */
package org.mlem.jobs.io;
