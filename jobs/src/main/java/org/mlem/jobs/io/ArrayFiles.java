package org.mlem.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Array files for jobs outside this package (a sweep's sets): the arrays of an {@code .npz} or
 * tensors of a {@code .safetensors} file, the stimuli x channels x time epochs of MEG/EEG data
 * (.npy or one HDF5 dataset), and a vector of time points (.npy, or text/CSV with one number per
 * line and an optional header line).
 */
public final class ArrayFiles {
  private ArrayFiles() {}

  /**
   * The arrays' (tensors') names of an archive, in file order.
   *
   * @param kind NPZ or SAFETENSORS
   */
  public static List<String> members(Configuration conf, String uri, InputFormat kind) {
    return switch (kind) {
      case NPZ -> NpzReader.members(conf, uri);
      case SAFETENSORS -> SafetensorsReader.members(conf, uri);
      default -> throw new IllegalArgumentException("no members in a " + kind + " file");
    };
  }

  /**
   * Epochs: a 3-D array stimuli x channels x time points, from .npy or an HDF5 dataset
   * ({@code input.hdf5Dataset()}, else the file's only 3-D dataset is not searched: it must be
   * named).
   *
   * @throws InputException when the file is not a 3-D array, naming it and its shape
   */
  public static NumericArray epochs(Configuration conf, RepresentationInput input) {
    String uri = input.uri();
    InputFormat kind = RepresentationFormat.resolve(conf, uri, input.format(), "representations")
        .kind();
    NumericArray array = switch (kind) {
      case NPY -> NpyReader.read(conf, uri, 3);
      case HDF5 -> {
        if (input.hdf5Dataset() == null) {
          throw new InputException(uri + ": name the HDF5 dataset of the epochs (stimuli x"
              + " channels x time) with --hdf5-dataset");
        }
        yield Hdf5Reader.read(conf, uri, input.hdf5Dataset(), 3);
      }
      default -> throw new InputException(uri + ": time windows need the epochs as a 3-D .npy"
          + " or HDF5 array (stimuli x channels x time), not " + kind.name()
          .toLowerCase(Locale.ROOT));
    };
    if (array.shape().length != 3) {
      throw new InputException(uri + ": time windows need a 3-D array (stimuli x channels x"
          + " time), found shape " + array.shapeText());
    }
    for (int d : array.shape()) {
      if (d == 0) {
        throw new InputException(uri + ": the epochs array is empty (shape "
            + array.shapeText() + ")");
      }
    }
    return array;
  }

  /**
   * A vector of numbers: a 1-D .npy array, else a text file with one number per line (the
   * first field of a CSV line; a non-numeric first line is a header).
   *
   * @throws InputException naming the file and the bad line
   */
  public static double[] vector(Configuration conf, String uri) {
    if (uri.toLowerCase(Locale.ROOT).endsWith(".npy")) {
      NumericArray a = NpyReader.read(conf, uri, 2);
      if (a.shape().length != 1 && !(a.shape().length == 2 && a.shape()[1] == 1)) {
        throw new InputException(uri + ": expected a 1-D array of times, found shape "
            + a.shapeText());
      }
      return a.values();
    }
    List<Double> values = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        InputPaths.fileSystem(conf, uri).open(new Path(uri)), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String field = line.split(",", -1)[0].strip();
        if (field.isEmpty()) {
          continue;
        }
        try {
          values.add(Double.valueOf(field));
        } catch (NumberFormatException e) {
          if (values.isEmpty() && number == 1) {
            continue;
          }
          throw new InputException(uri + ": line " + number + ": '" + field + "' is not a"
              + " number; give one time (seconds) per line", e);
        }
      }
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the file (" + e.getMessage() + ")", e);
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The ids of an ids file (one per line), checked as {@code mlem fit} checks them.
   *
   * @throws InputException on an empty line or duplicate ids
   */
  public static List<String> ids(Configuration conf, String uri) {
    return IdsFile.read(conf, uri);
  }

  /**
   * Provenance of an input file (size; SHA-256 when local).
   *
   * @param role e.g. "mask"
   */
  public static InputFile describe(Configuration conf, String uri, String role) {
    return InputFiles.describe(conf, uri, role);
  }
}
