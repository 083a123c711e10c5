package org.mlem.jobs.io;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.distance.Representations;

/**
 * Reads one representation set in any {@link RepresentationFormat} and joins it to the feature
 * table by id ({@link IdAlignment}, core's join): rows in the features' id order.
 */
final class RepresentationReader {
  private RepresentationReader() {}

  /** The set joined strictly ({@link IdsFrom#REFUSE}) into the features' id order. */
  static Representations read(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource) {
    Representations read = readInFileOrder(spark, input, featureIds, featuresSource);
    return read.joined(IdAlignment.join(featureIds, featuresSource, read.ids(),
        "representations", input.uri(), IdsFrom.REFUSE));
  }

  /** The set as stored: rows in the file's order with their ids. */
  static Representations readInFileOrder(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    RepresentationFormat format =
        RepresentationFormat.resolve(conf, input.uri(), input.format(), "representations");
    return format.read(spark, input, featureIds, featuresSource);
  }

  static String idColumn(RepresentationInput input) {
    return input.idColumn() == null ? "id" : input.idColumn();
  }

  /** A concrete format: AUTO resolved by extension, a directory by its contents. */
  static InputFormat resolve(Configuration conf, String uri, InputFormat format, String role) {
    return RepresentationFormat.resolve(conf, uri, format, role).kind();
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
}
