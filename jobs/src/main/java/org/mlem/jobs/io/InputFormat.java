package org.mlem.jobs.io;

/** File formats the jobs read. {@code AUTO} picks one from the file name's extension. */
public enum InputFormat {
  AUTO, PARQUET, CSV, NPY, HDF5, RDM
}
