package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.distance.PrecomputedRdm;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureTable;

/**
 * Entry points for jobs that pair ONE feature table with MANY representation sets (the layer
 * sweep): the features are read, checked and encoded once ({@link #loadFeatures}), then each set
 * is read and joined by id to them ({@link #withRepresentations}, or
 * {@link #withRepresentationFrame} for one set selected from a larger table). The readers, the
 * checks and the messages are exactly those of {@link InputLoader#load}.
 */
public final class SetInputs {
  private SetInputs() {}

  /**
   * The feature table read, checked and encoded once, with its provenance.
   *
   * @param features the encoded features (their ids define the stimulus order)
   * @param file provenance of the feature file
   * @param source the feature file's URI, named in error messages
   * @param table the raw table, re-encoded on a set's stimuli when an ids-from rule drops some
   * @param input how the table was read and encoded
   */
  public record LoadedFeatures(EncodedFeatures features, InputFile file, String source,
      FeatureTable table, FeatureInput input) {}

  /**
   * Reads, checks (at least {@value InputLoader#MIN_STIMULI} stimuli) and encodes the feature
   * table, as {@link InputLoader#load} does.
   *
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static LoadedFeatures loadFeatures(SparkSession spark, FeatureInput features) {
    return checkedAndEncoded(spark.sparkContext().hadoopConfiguration(),
        InputLoader.readFeatures(spark, features), features);
  }

  /**
   * As {@link #loadFeatures}, read on the driver without Spark when the table is a plain local
   * CSV or Parquet file ({@link InputLoader#readFeaturesWithoutSpark}): the same checks, messages
   * and encoding.
   *
   * @param conf resolves the URI (a plain Hadoop configuration is enough)
   * @return the features, or empty (nothing read) when the table needs Spark SQL to be read
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static Optional<LoadedFeatures> loadFeaturesWithoutSpark(Configuration conf,
      FeatureInput features) {
    InputPaths.requireReadable(conf, features.uri(), "features");
    return InputLoader.readFeaturesWithoutSpark(conf, features)
        .map(table -> checkedAndEncoded(conf, table, features));
  }

  private static LoadedFeatures checkedAndEncoded(Configuration conf, FeatureTable table,
      FeatureInput features) {
    if (table.size() < InputLoader.MIN_STIMULI) {
      throw new InputException(features.uri() + ": found " + table.size()
          + (table.size() == 1 ? " stimulus" : " stimuli") + "; a fit needs at least "
          + InputLoader.MIN_STIMULI + " (a train/test split of at least 2 + 2)");
    }
    return new LoadedFeatures(InputLoader.encode(table, features),
        InputFiles.describe(conf, features.uri(), "features"), features.uri(), table, features);
  }

  /**
   * Reads one representation set (or RDM) in any supported format and joins it by id to the
   * already loaded features.
   *
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static LoadedInputs withRepresentations(
      SparkSession spark, LoadedFeatures features, RepresentationInput representations) {
    return withRepresentations(spark, features, representations, IdsFrom.REFUSE);
  }

  /**
   * As {@link #withRepresentations(SparkSession, LoadedFeatures, RepresentationInput)}, joining
   * the ids by {@code idsFrom} (see {@link InputLoader#load}): when the rule drops feature rows,
   * the features are re-encoded on this set's stimuli.
   *
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static LoadedInputs withRepresentations(SparkSession spark, LoadedFeatures features,
      RepresentationInput representations, IdsFrom idsFrom) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    boolean rdm = representations.format() == InputFormat.RDM;
    String role = rdm ? "RDM" : "representations";
    requireReadable(conf, representations, role);
    if (rdm && idsFrom != IdsFrom.REFUSE) {
      throw new InputException("ids-from " + idsFrom.cliName() + " is not supported with a"
          + " precomputed RDM (" + representations.uri() + "); give an RDM over the same"
          + " stimuli as the feature table, or the representations themselves");
    }
    List<String> ids = features.features().ids();
    List<InputFile> files = inputFiles(conf, features, representations, role);
    if (rdm) {
      PrecomputedRdm matrix = RdmReader.read(spark, representations, ids, features.source());
      return new LoadedInputs(features.features(), null, matrix, files, List.of(), null);
    }
    Representations read = RepresentationReader.readInFileOrder(spark, representations, ids,
        features.source());
    return joined(features, read, representations.uri(), files, idsFrom);
  }

  /**
   * As {@link #withRepresentations(SparkSession, LoadedFeatures, RepresentationInput, IdsFrom)},
   * read on the driver without Spark when the format allows it (.npy, HDF5, .npz, .safetensors,
   * plain local Parquet; {@link InputLoader#loadWithoutSpark}): the same checks, messages and
   * result.
   *
   * @param conf resolves the URIs (a plain Hadoop configuration is enough)
   * @param budgetBytes a Parquet table whose footers say its matrix (n x D x 4 bytes) may exceed
   *     this is left unread
   * @return the set joined to the features, or empty (nothing read) when it needs Spark: an RDM,
   *     a format read only through Spark SQL, or a table over the budget
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static Optional<LoadedInputs> withRepresentationsWithoutSpark(
      Configuration conf, LoadedFeatures features, RepresentationInput representations,
      IdsFrom idsFrom, long budgetBytes) {
    if (representations.format() == InputFormat.RDM) {
      return Optional.empty();
    }
    requireReadable(conf, representations, "representations");
    Optional<RepresentationFormat.DriverRead> reader = RepresentationFormat.resolve(
        conf, representations.uri(), representations.format(), "representations")
        .withoutSpark(conf, representations, budgetBytes);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    List<InputFile> files = inputFiles(conf, features, representations, "representations");
    Representations read = reader.get().read(features.features().ids(), features.source());
    return Optional.of(joined(features, read, representations.uri(), files, idsFrom));
  }

  /** The set's file and its ids file exist and are readable. */
  private static void requireReadable(Configuration conf, RepresentationInput representations,
      String role) {
    InputPaths.requireReadable(conf, representations.uri(), role);
    if (representations.idsUri() != null) {
      InputPaths.requireReadable(conf, representations.idsUri(), "representation ids");
    }
  }

  /** Provenance of the features' file, the set's file and its ids file. */
  private static List<InputFile> inputFiles(Configuration conf, LoadedFeatures features,
      RepresentationInput representations, String role) {
    List<InputFile> files = new ArrayList<>();
    files.add(features.file());
    files.add(InputFiles.describe(conf, representations.uri(), role));
    if (representations.idsUri() != null) {
      files.add(InputFiles.describe(conf, representations.idsUri(), "representation ids"));
    }
    return files;
  }

  /**
   * Joins a set already in memory (an ROI of a volume series, a time window of epochs) to the
   * features: rows are stimuli in the order of the ids file, else of the feature table, as for
   * an array file; values are checked as any reader's.
   *
   * @param array stimuli x dimensions
   * @param source how messages and run.json name the set, e.g. "betas.nii.gz [ROI V1]"
   * @param idsUri the ids file of the rows, or null for the feature table's order
   * @param inputFiles provenance of the files the set was cut from (the features' is added)
   * @throws InputException on a count mismatch, bad values or ids that do not join
   */
  public static LoadedInputs withArray(SparkSession spark, LoadedFeatures features,
      NumericArray array, String source, String idsUri, List<InputFile> inputFiles,
      IdsFrom idsFrom) {
    return withArray(spark.sparkContext().hadoopConfiguration(), features, array, source,
        idsUri, inputFiles, idsFrom);
  }

  /**
   * As {@link #withArray(SparkSession, LoadedFeatures, NumericArray, String, String, List,
   * IdsFrom)}, without a Spark session.
   *
   * @param conf resolves the ids file
   */
  public static LoadedInputs withArray(Configuration conf, LoadedFeatures features,
      NumericArray array, String source, String idsUri, List<InputFile> inputFiles,
      IdsFrom idsFrom) {
    RepresentationInput described = new RepresentationInput(source, InputFormat.NPY, null,
        null, idsUri, null);
    Representations read = ArrayFormat.fromArray(array, conf, described,
        features.features().ids(), features.source());
    List<InputFile> files = new ArrayList<>();
    files.add(features.file());
    files.addAll(inputFiles);
    return joined(features, read, source, files, idsFrom);
  }

  /** The set joined to the features by {@code idsFrom}, re-encoding them if rows are dropped. */
  private static LoadedInputs joined(LoadedFeatures features, Representations read,
      String source, List<InputFile> files, IdsFrom idsFrom) {
    IdJoin join = IdAlignment.join(features.features().ids(), features.source(), read.ids(),
        "representations", source, idsFrom);
    EncodedFeatures encoded = features.features();
    if (!join.keepsAllFeatures()) {
      FeatureTable table = features.table().rows(join.featureRows());
      InputLoader.requireEnough(table, features.source(), idsFrom);
      encoded = InputLoader.encode(table, features.input());
    }
    String warning = join.warning("features (" + features.source() + ")", "representations");
    return new LoadedInputs(encoded, read.joined(join), null, files,
        warning == null ? List.of() : List.of(warning), join);
  }

  /**
   * Converts a frame holding one set's representations (e.g. the rows of one layer of a table
   * with a layer column, that column dropped) and joins it by id to the features.
   *
   * @param frame id column plus an array/vector column or wide numeric columns
   * @param idColumn the id column
   * @param vectorColumn the vector column, or null to detect
   * @param source how error messages name this set, e.g. "layers.parquet [layer=3]"
   * @param file provenance of the table the frame came from
   * @throws InputException on any bad input, naming the source, the id and the column
   */
  public static LoadedInputs withRepresentationFrame(LoadedFeatures features,
      Dataset<Row> frame, String idColumn, String vectorColumn, String source, InputFile file) {
    return withRepresentationFrame(features, frame, idColumn, vectorColumn, source, file,
        IdsFrom.REFUSE);
  }

  /** As the overload above, joining the ids by {@code idsFrom} (see {@link InputLoader#load}). */
  public static LoadedInputs withRepresentationFrame(LoadedFeatures features,
      Dataset<Row> frame, String idColumn, String vectorColumn, String source, InputFile file,
      IdsFrom idsFrom) {
    Representations read =
        RepresentationFrames.toRepresentations(frame, idColumn, vectorColumn, source);
    return joined(features, read, source, List.of(features.file(), file), idsFrom);
  }

  /**
   * Provenance of one input file or directory (size; SHA-256 when local).
   *
   * @param role e.g. "representations"
   */
  public static InputFile describe(SparkSession spark, String uri, String role) {
    return InputFiles.describe(spark.sparkContext().hadoopConfiguration(), uri, role);
  }
}
