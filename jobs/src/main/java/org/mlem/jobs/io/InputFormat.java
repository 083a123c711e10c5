package org.mlem.jobs.io;

import java.util.Locale;

/** File formats the jobs read. {@code AUTO} picks one from the file name's extension. */
public enum InputFormat {
  AUTO, PARQUET, CSV, NPY, HDF5, NPZ, SAFETENSORS, RDM;

  /**
   * The format of a file from its extension: {@code .parquet} or a directory is PARQUET,
   * {@code .csv} CSV, {@code .npy} NPY, {@code .h5}/{@code .hdf5} HDF5 (case-insensitive).
   * Precomputed RDMs are never detected: they are declared with {@link #RDM}.
   *
   * @param uri the file's URI or path
   * @param directory whether it is a directory (as Spark writes Parquet)
   * @param role e.g. "features", used in the error message
   * @return a concrete format (never AUTO or RDM)
   * @throws InputException if the extension is none of the above
   */
  public static InputFormat detect(String uri, boolean directory, String role) {
    String name = uri.toLowerCase(Locale.ROOT);
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".npy")) {
      return NPY;
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      return HDF5;
    }
    if (directory) {
      return PARQUET;
    }
    throw new InputException("cannot tell the format of the " + role + " file " + uri
        + " from its name; expected .parquet (or a Parquet directory), .csv, .npy, .h5 or .hdf5,"
        + " or set the format explicitly");
  }
}
