package org.mlem.jobs.io;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.Representations;

/**
 * A numeric array file of representations (.npy, HDF5): read whole on the driver into a
 * {@link NumericArray}, which must be 2-D (stimuli x dimensions), non-empty and finite as float32.
 * Arrays carry no ids: row i gets the i-th id of the ids file, else of the feature table.
 */
abstract class ArrayFormat extends RepresentationFormat {
  /** Reads the file into a numeric array (any shape; checked by {@link #read}). */
  abstract NumericArray array(Configuration conf, RepresentationInput input);

  @Override
  public boolean readOnDriver() {
    return true;
  }

  @Override
  public boolean carriesIds() {
    return false;
  }

  @Override
  Representations read(SparkSession spark, RepresentationInput input, List<String> featureIds,
      String featuresSource) {
    return read(spark.sparkContext().hadoopConfiguration(), input, featureIds, featuresSource);
  }

  @Override
  Optional<DriverRead> withoutSpark(Configuration conf, RepresentationInput input,
      long budgetBytes) {
    return Optional.of((featureIds, featuresSource) ->
        read(conf, input, featureIds, featuresSource));
  }

  /** The same read with only a Hadoop configuration (no Spark needed: arrays are read here). */
  Representations read(Configuration conf, RepresentationInput input, List<String> featureIds,
      String featuresSource) {
    return fromArray(array(conf, input), conf, input, featureIds, featuresSource);
  }

  /** The array as float32 representations with their ids (see the class comment). */
  static Representations fromArray(NumericArray array, Configuration conf,
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
    List<String> ids = RepresentationReader.arrayIds(conf, input, rows, featureIds,
        featuresSource, "array");
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

  /** NumPy's .npy (format versions 1-3, little or big endian, C or Fortran order). */
  static final class Npy extends ArrayFormat {
    @Override
    public InputFormat kind() {
      return InputFormat.NPY;
    }

    @Override
    public List<String> extensions() {
      return List.of(".npy");
    }

    @Override
    NumericArray array(Configuration conf, RepresentationInput input) {
      return NpyReader.read(conf, input.uri());
    }
  }

  /** One dataset of an HDF5 file ({@code hdf5Dataset}, else the only one). */
  static final class Hdf5 extends ArrayFormat {
    @Override
    public InputFormat kind() {
      return InputFormat.HDF5;
    }

    @Override
    public List<String> extensions() {
      return List.of(".h5", ".hdf5");
    }

    @Override
    NumericArray array(Configuration conf, RepresentationInput input) {
      return Hdf5Reader.read(conf, input.uri(), input.hdf5Dataset());
    }
  }

  /**
   * One array of a NumPy {@code .npz} archive ({@code hdf5Dataset} names it, else the only one);
   * an array of more than two dimensions is stimuli x (the product of the others), row-major.
   */
  static final class Npz extends ArrayFormat {
    @Override
    public InputFormat kind() {
      return InputFormat.NPZ;
    }

    @Override
    public List<String> extensions() {
      return List.of(".npz");
    }

    @Override
    NumericArray array(Configuration conf, RepresentationInput input) {
      String member = input.hdf5Dataset();
      return NpzReader.read(conf, input.uri(), member)
          .flattenedToRows(input.uri() + (member == null ? "" : "#" + member));
    }
  }

  /**
   * One tensor of a {@code .safetensors} file ({@code hdf5Dataset} names it, else the only
   * one); a tensor of more than two dimensions is stimuli x (the product of the others),
   * row-major.
   */
  static final class Safetensors extends ArrayFormat {
    @Override
    public InputFormat kind() {
      return InputFormat.SAFETENSORS;
    }

    @Override
    public List<String> extensions() {
      return List.of(".safetensors");
    }

    @Override
    NumericArray array(Configuration conf, RepresentationInput input) {
      String member = input.hdf5Dataset();
      return SafetensorsReader.read(conf, input.uri(), member)
          .flattenedToRows(input.uri() + (member == null ? "" : "#" + member));
    }
  }
}
