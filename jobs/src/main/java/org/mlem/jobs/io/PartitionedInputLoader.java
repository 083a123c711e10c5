package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
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
    if (table.size() < InputLoader.MIN_STIMULI) {
      throw new InputException(features.uri() + ": found " + table.size()
          + (table.size() == 1 ? " stimulus" : " stimuli") + "; a fit needs at least "
          + InputLoader.MIN_STIMULI + " (a train/test split of at least 2 + 2)");
    }
    EncodedFeatures encoded = InputLoader.encode(table, features);
    List<InputFile> files = new ArrayList<>();
    files.add(InputFiles.describe(conf, features.uri(), "features"));
    DistributedRepresentations reps = PartitionedRepresentationReader.read(spark,
        representations, table.ids(), features.uri());
    files.add(InputFiles.describe(conf, representations.uri(), "representations"));
    if (representations.idsUri() != null) {
      files.add(InputFiles.describe(conf, representations.idsUri(), "representation ids"));
    }
    return new PartitionedInputs(encoded, reps, files, List.of());
  }
}
