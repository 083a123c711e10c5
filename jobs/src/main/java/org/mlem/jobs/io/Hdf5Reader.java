package org.mlem.jobs.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one 2-D float or double (or int/long, converted) dataset from an HDF5 file with the
 * pure-Java jHDF library. jHDF reads local files only, so a non-local URI (hdfs, s3a, ...) is first
 * copied to a temporary local file, deleted afterwards.
 */
final class Hdf5Reader {
  private static final Logger LOG = LoggerFactory.getLogger(Hdf5Reader.class);

  private Hdf5Reader() {}

  /**
   * @param datasetPath the dataset inside the file (e.g. "/layer6"), or null for the only 2-D one
   */
  static NumericArray read(Configuration conf, String uri, String datasetPath) {
    return read(conf, uri, datasetPath, 2);
  }

  /**
   * As {@link #read(Configuration, String, String)}, a named dataset of rank 2 to
   * {@code maxRank} (the epochs of MEG windows: stimuli x channels x time).
   */
  static NumericArray read(Configuration conf, String uri, String datasetPath, int maxRank) {
    FileSystem fs = InputPaths.fileSystem(conf, uri);
    Path path = new Path(uri);
    java.nio.file.Path local = null;
    boolean temporary = !InputPaths.isLocal(fs);
    try {
      if (temporary) {
        local = Files.createTempFile("mlem-", ".h5");
        LOG.info("copying {} to {} for the HDF5 reader", uri, local);
        fs.copyToLocalFile(false, path, new Path(local.toUri()), true);
      } else {
        local = java.nio.file.Path.of(fs.makeQualified(path).toUri());
      }
      try (HdfFile file = new HdfFile(local)) {
        return read(file, uri, datasetPath, Files.size(local), maxRank);
      }
    } catch (IOException | HdfException e) {
      throw new InputException(uri + ": cannot read the HDF5 file (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      // jHDF reports a damaged file with whatever the buffer code throws (underflow, index)
      throw new InputException(uri + ": cannot read the HDF5 file, it is damaged or truncated ("
          + e + ")", e);
    } finally {
      if (temporary && local != null) {
        try {
          Files.deleteIfExists(local);
        } catch (IOException e) {
          LOG.warn("could not delete the temporary copy {}", local, e);
        }
      }
    }
  }

  private static NumericArray read(HdfFile file, String uri, String datasetPath,
      long fileBytes, int maxRank) {
    List<Dataset> matrices = new ArrayList<>();
    collectMatrices(file, matrices);
    Dataset dataset;
    if (datasetPath != null) {
      Node node;
      try {
        node = file.getByPath(datasetPath);
      } catch (HdfException e) {
        node = null;
      }
      if (!(node instanceof Dataset d)) {
        throw new InputException(uri + ": HDF5 dataset '" + datasetPath + "' not found; 2-D"
            + " datasets in the file: " + paths(matrices));
      }
      dataset = d;
    } else {
      if (matrices.size() != 1) {
        throw new InputException(uri + ": the HDF5 file has " + matrices.size() + " 2-D"
            + " datasets (" + paths(matrices) + "); name the one to use");
      }
      dataset = matrices.get(0);
    }
    int[] shape = dataset.getDimensions();
    if (shape.length < 2 || shape.length > maxRank) {
      throw new InputException(uri + ": HDF5 dataset '" + dataset.getPath() + "' has shape "
          + NpyReader.shapeText(shape) + "; expected a " + (maxRank == 2 ? "2-D array (stimuli"
          + " x dimensions)" : "2-D to " + maxRank + "-D array"));
    }
    requireReadable(dataset, uri, fileBytes, file.getUserBlockSize());
    Object flat = dataset.getDataFlat();
    double[] values = new double[Math.toIntExact(count(shape))];
    if (flat instanceof float[] f) {
      for (int k = 0; k < values.length; k++) {
        values[k] = f[k];
      }
    } else if (flat instanceof double[] d) {
      System.arraycopy(d, 0, values, 0, values.length);
    } else if (flat instanceof int[] ints) {
      for (int k = 0; k < values.length; k++) {
        values[k] = ints[k];
      }
    } else if (flat instanceof long[] longs) {
      for (int k = 0; k < values.length; k++) {
        values[k] = longs[k];
      }
    } else {
      throw new InputException(uri + ": HDF5 dataset '" + dataset.getPath() + "' holds "
          + dataset.getJavaType().getSimpleName() + " values; expected float or double");
    }
    return new NumericArray(shape, values);
  }

  /**
   * Refuses, before anything is allocated, a dataset whose stored bytes reach past the end of
   * the file (a truncated file: jHDF would otherwise read whatever lies there) and one whose
   * values would not fit in the driver's free heap (a tiny file may claim any shape: chunks
   * never written read as the fill value).
   */
  static void requireReadable(Dataset dataset, String uri, long fileBytes, long userBlock) {
    long stored = dataset.getStorageInBytes();
    long end = stored;
    if (dataset instanceof io.jhdf.api.dataset.ContiguousDataset c && !dataset.isEmpty()) {
      end = userBlock + c.getDataAddress() + dataset.getSizeInBytes();
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    requireReadable(uri, dataset.getPath(), dataset.getDimensions(),
        dataset.getDataType().getSize(), Math.max(stored, end), fileBytes, free);
  }

  /**
   * The checks of {@link #requireReadable(Dataset, String, long, long)} on plain numbers.
   *
   * @param fileEnd the offset one past the dataset's last stored byte (its stored bytes for a
   *     chunked dataset)
   * @param freeHeap the driver's free heap in bytes
   */
  static void requireReadable(String uri, String path, int[] shape, int elementBytes,
      long fileEnd, long fileBytes, long freeHeap) {
    String name = "HDF5 dataset '" + path + "'";
    for (int d : shape) {
      if (d < 0) {
        throw new InputException(uri + ": " + name + " has a negative shape "
            + NpyReader.shapeText(shape) + "; the file is damaged");
      }
    }
    long count = count(shape);
    long needed = count * (elementBytes + (long) Double.BYTES);
    if (count > Integer.MAX_VALUE - 8 || needed > freeHeap / 2) {
      throw new InputException(String.format(java.util.Locale.ROOT, "%s: %s has shape %s, %.2f"
          + " GB to read on the driver, more than half its free heap (%.2f GB); give the"
          + " driver more memory (--driver-memory) or split the dataset", uri, name,
          NpyReader.shapeText(shape), needed / 1e9, freeHeap / 1e9));
    }
    if (fileEnd > fileBytes) {
      throw new InputException(uri + ": " + name + " needs " + fileEnd + " bytes of the file"
          + " but the file has only " + fileBytes + "; the file is truncated (copy it again)");
    }
  }

  private static long count(int[] shape) {
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    return count;
  }

  private static void collectMatrices(Group group, List<Dataset> out) {
    for (Node node : group) {
      if (node instanceof Dataset d && !d.isScalar() && d.getDimensions().length == 2) {
        out.add(d);
      } else if (node instanceof Group g && !node.isLink()) {
        collectMatrices(g, out);
      }
    }
  }

  private static String paths(List<Dataset> datasets) {
    List<String> paths = new ArrayList<>();
    for (Dataset d : datasets) {
      paths.add(d.getPath());
    }
    return paths.isEmpty() ? "none" : String.join(", ", paths);
  }
}
