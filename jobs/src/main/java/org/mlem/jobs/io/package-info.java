/**
 * Inputs of the jobs: feature tables (Parquet, CSV) and representations (Parquet, CSV, NumPy
 * .npy, HDF5, precomputed RDM) read through Spark/Hadoop, validated, joined by id and converted
 * to core types. No maths here.
 */
package org.mlem.jobs.io;
