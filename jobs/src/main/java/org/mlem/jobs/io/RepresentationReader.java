package org.mlem.jobs.io;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.Representations;

/**
 * Reads one representation set in any supported format (Parquet, CSV, NPY, HDF5) and returns it
 * joined to the feature table: rows in the features' id order.
 */
final class RepresentationReader {
  private RepresentationReader() {}

  static Representations read(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String uri = input.uri();
    InputFormat format = resolve(conf, uri, input.format(), "representations");
    Representations read = switch (format) {
      case PARQUET, CSV -> RepresentationFrames.toRepresentations(
          TableReader.read(spark, uri, format, idColumn(input), "representations"),
          idColumn(input), input.vectorColumn(), uri);
      case NPY -> fromMatrix(NpyReader.read(conf, uri), conf, input, featureIds, featuresSource);
      case HDF5 -> fromMatrix(Hdf5Reader.read(conf, uri, input.hdf5Dataset()), conf, input,
          featureIds, featuresSource);
      default -> throw new IllegalStateException("unexpected format " + format);
    };
    return align(read, featureIds, featuresSource, uri);
  }

  /** The representations reordered into the features' id order (same ids on both sides). */
  static Representations align(Representations read, List<String> featureIds,
      String featuresSource, String uri) {
    int[] positions = IdAlignment.positions(
        featureIds, featuresSource, read.ids(), "representations", uri);
    if (IdAlignment.isIdentity(positions)) {
      return read;
    }
    int dims = read.dims();
    float[] source = read.data();
    float[] data = new float[source.length];
    for (int k = 0; k < positions.length; k++) {
      System.arraycopy(source, positions[k] * dims, data, k * dims, dims);
    }
    return RepresentationValues.of(featureIds, data, dims, uri);
  }

  static String idColumn(RepresentationInput input) {
    return input.idColumn() == null ? "id" : input.idColumn();
  }

  /** A concrete format: AUTO resolved by extension (a directory is Parquet). */
  static InputFormat resolve(Configuration conf, String uri, InputFormat format, String role) {
    if (format != null && format != InputFormat.AUTO) {
      return format;
    }
    return InputFormat.detect(uri, InputPaths.status(conf, uri, role).isDirectory(), role);
  }

  /**
   * The ids of an array file's rows: from the ids file, else the feature table's order (then the
   * counts must match).
   */
  static List<String> arrayIds(Configuration conf, RepresentationInput input, int rows,
      List<String> featureIds, String featuresSource, String what) {
    if (input.idsUri() != null) {
      List<String> ids = IdsFile.read(conf, input.idsUri());
      if (ids.size() != rows) {
        throw new InputException(input.uri() + ": the " + what + " has " + rows + " rows but"
            + " the ids file " + input.idsUri() + " has " + ids.size() + " ids; give one id per"
            + " row, in row order");
      }
      return ids;
    }
    if (rows != featureIds.size()) {
      throw new InputException(input.uri() + ": the " + what + " has " + rows + " rows but the"
          + " features (" + featuresSource + ") have " + featureIds.size() + " stimuli; without"
          + " an ids file the rows are taken in the feature table's order, so the counts must"
          + " match; give an ids file (one id per line) to join by id");
    }
    return featureIds;
  }

  private static Representations fromMatrix(NumericArray array, Configuration conf,
      RepresentationInput input, List<String> featureIds, String featuresSource) {
    String uri = input.uri();
    if (array.shape().length != 2) {
      throw new InputException(uri + ": representations must be a 2-D array (stimuli x"
          + " dimensions), found shape " + NpyReader.shapeText(array.shape()));
    }
    int rows = array.rows();
    int dims = array.columns();
    if (rows == 0 || dims == 0) {
      throw new InputException(uri + ": the representation array is empty (shape "
          + NpyReader.shapeText(array.shape()) + "); it needs one row per stimulus");
    }
    List<String> ids = arrayIds(conf, input, rows, featureIds, featuresSource, "array");
    double[] values = array.values();
    float[] data = new float[values.length];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < dims; c++) {
        data[i * dims + c] = RepresentationValues.toFloat(values[i * dims + c], uri, ids.get(i),
            c, "");
      }
    }
    return RepresentationValues.of(ids, data, dims, uri);
  }
}
