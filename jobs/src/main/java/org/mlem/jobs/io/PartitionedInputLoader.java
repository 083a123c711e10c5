package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureTable;

/**
 * {@link InputLoader}'s counterpart for the partitioned placement: the feature table is read and
 * encoded on the driver exactly as {@link InputLoader} does (same checks and messages), the
 * representations are read, validated and joined by id with Spark
 * ({@link PartitionedRepresentationReader}). Precomputed RDMs are not supported here (they stay
 * broadcast).
 */
public final class PartitionedInputLoader {
  private PartitionedInputLoader() {}

  /**
   * Loads both inputs.
   *
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static PartitionedInputs load(
      SparkSession spark, FeatureInput features, RepresentationInput representations) {
    return load(spark, features, representations, IdsFrom.REFUSE);
  }

  /**
   * Loads both inputs, joining their ids by the given rule as {@link InputLoader#load} does (the
   * representations' ids are collected to the driver for the join; the vectors never are).
   *
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static PartitionedInputs load(SparkSession spark, FeatureInput features,
      RepresentationInput representations, IdsFrom idsFrom) {
    if (representations.format() == InputFormat.RDM) {
      throw new InputException(representations.uri() + ": a precomputed RDM is always "
          + "broadcast; use the broadcast placement for RDM inputs");
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    InputPaths.requireReadable(conf, features.uri(), "features");
    InputPaths.requireReadable(conf, representations.uri(), "representations");
    if (representations.idsUri() != null) {
      InputPaths.requireReadable(conf, representations.idsUri(), "representation ids");
    }
    FeatureTable table = InputLoader.readFeatures(spark, features);
    InputLoader.requireEnough(table, features.uri(), null);
    boolean wholeTable = idsFrom == IdsFrom.REFUSE || idsFrom == IdsFrom.FEATURES;
    EncodedFeatures encoded = wholeTable ? InputLoader.encode(table, features) : null;
    List<InputFile> files = new ArrayList<>();
    files.add(InputFiles.describe(conf, features.uri(), "features"));
    IdJoin join = null;
    List<String> warnings = new ArrayList<>();
    DistributedRepresentations reps;
    if (idsFrom == IdsFrom.REFUSE) {
      reps = PartitionedRepresentationReader.read(spark, representations, table.ids(),
          features.uri());
    } else {
      List<String> ids = PartitionedRepresentationReader.ids(spark, representations,
          table.ids(), features.uri());
      join = IdAlignment.join(table.ids(), features.uri(), ids, "representations",
          representations.uri(), idsFrom);
      if (!wholeTable) {
        table = table.rows(join.featureRows());
        InputLoader.requireEnough(table, features.uri(), idsFrom);
        encoded = InputLoader.encode(table, features);
      }
      reps = PartitionedRepresentationReader.readJoined(spark, representations, join.ids(),
          features.uri());
      String warning = join.warning("features (" + features.uri() + ")", "representations");
      if (warning != null) {
        warnings.add(warning);
      }
    }
    files.add(InputFiles.describe(conf, representations.uri(), "representations"));
    if (representations.idsUri() != null) {
      files.add(InputFiles.describe(conf, representations.idsUri(), "representation ids"));
    }
    return new PartitionedInputs(encoded, reps, files, warnings, join);
  }
}
