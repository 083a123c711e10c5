package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.Representations;

/**
 * Reads one representation set on its own, with no feature table to join it to (what
 * {@code mlem rsa} compares): a table's rows carry their ids; an array's rows (.npy, HDF5, .npz,
 * .safetensors, a cut of NIfTI volumes or epochs) get the ids of the ids file, else their row
 * numbers "0", "1", ... (so sets without ids are matched by position). The readers, value checks
 * and messages are those of {@code mlem fit} ({@link RepresentationFormat}).
 */
public final class UnjoinedReader {
  /** How messages name the row-number ids of an array without an ids file. */
  static final String ROW_ORDER = "row order (no --ids)";

  private UnjoinedReader() {}

  /**
   * Reads a set stored in a file or directory of its own (or one dataset, array or tensor of it).
   *
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static Representations read(SparkSession spark, RepresentationInput input) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    InputPaths.requireReadable(conf, input.uri(), "representations");
    if (input.idsUri() != null) {
      InputPaths.requireReadable(conf, input.idsUri(), "representation ids");
    }
    RepresentationFormat format =
        RepresentationFormat.resolve(conf, input.uri(), input.format(), "representations");
    if (format instanceof ArrayFormat array && input.idsUri() == null) {
      NumericArray values = array.array(conf, input);
      return ArrayFormat.fromArray(values, conf, input,
          values.shape().length == 2 ? rowNumbers(values.rows()) : List.of(), ROW_ORDER);
    }
    return format.read(spark, input, List.of(), ROW_ORDER);
  }

  /**
   * A set already in memory (an ROI of volumes, a time window of epochs): rows are stimuli, with
   * the ids of {@code idsUri}, else their row numbers.
   *
   * @param source how messages name the set, e.g. "betas.nii.gz [ROI V1]"
   * @throws InputException on a count mismatch with the ids file or bad values
   */
  public static Representations fromArray(SparkSession spark, NumericArray array, String source,
      String idsUri) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    RepresentationInput described = new RepresentationInput(source, InputFormat.NPY, null, null,
        idsUri, null);
    return ArrayFormat.fromArray(array, conf, described,
        idsUri == null && array.shape().length == 2 ? rowNumbers(array.rows()) : List.of(),
        ROW_ORDER);
  }

  /**
   * One set selected from a larger table (its set column dropped), ids from the id column.
   *
   * @throws InputException on any bad input, naming the source, the id and the column
   */
  public static Representations fromFrame(Dataset<Row> frame, String idColumn,
      String vectorColumn, String source) {
    return RepresentationFrames.toRepresentations(frame, idColumn, vectorColumn, source);
  }

  /**
   * Provenance of one input file or directory (size; SHA-256 when local).
   *
   * @param role e.g. "representations"
   */
  public static InputFile describe(SparkSession spark, String uri, String role) {
    return InputFiles.describe(spark.sparkContext().hadoopConfiguration(), uri, role);
  }

  /** The ids "0".."rows-1". */
  static List<String> rowNumbers(int rows) {
    List<String> ids = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }
}
