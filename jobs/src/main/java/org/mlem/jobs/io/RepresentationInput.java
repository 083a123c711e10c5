package org.mlem.jobs.io;

/**
 * Where and how to read one representation set (or a precomputed RDM).
 *
 * @param uri any Hadoop filesystem URI or local path
 * @param format PARQUET, CSV, NPY, HDF5, RDM or AUTO (by extension)
 * @param idColumn id column for Parquet/CSV/RDM tables (default "id")
 * @param vectorColumn Parquet column holding array&lt;float|double&gt; or an ML Vector; null =
 *     detect (a single array/vector column, else every numeric column but the id: wide format)
 * @param idsUri for NPY/HDF5 (which carry no ids): a text file with one id per row, in row
 *     order; null = the feature table's row order
 * @param hdf5Dataset the dataset path inside an HDF5 file (e.g. "/layer6"); null = the only one
 */
public record RepresentationInput(
    String uri, InputFormat format, String idColumn, String vectorColumn, String idsUri,
    String hdf5Dataset) {}
