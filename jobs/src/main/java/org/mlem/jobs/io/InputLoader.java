package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.distance.PrecomputedRdm;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;

/**
 * Reads and validates the feature table and one representation set through Spark/Hadoop (any
 * filesystem URI), joins them by id, and encodes the features. Every problem is an
 * {@link InputException} naming the file, column, row or id.
 *
 * <p>Steps: every path is checked first ({@link InputPaths#requireReadable}); the feature table
 * (Parquet or CSV) is read in file order, which defines the stimulus order; at least
 * {@value #MIN_STIMULI} stimuli are required; the features are encoded with a core
 * {@link FeatureSchema} (selection, kind overrides, missing distance); the representations (or a
 * precomputed RDM) are read and joined by id into the features' order, and any id on one side
 * only is an error; provenance ({@link InputFile}) is recorded for every file read.
 */
public final class InputLoader {
  /** The fewest stimuli a fit accepts: a train/test split of at least 2 + 2. */
  public static final int MIN_STIMULI = 4;

  private InputLoader() {}

  /**
   * Loads both inputs; see the class comment.
   *
   * @param spark the session whose Hadoop configuration resolves the URIs
   * @param features where and how to read the feature table
   * @param representations where and how to read the representations or RDM
   * @return the aligned, encoded inputs with provenance
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static LoadedInputs load(
      SparkSession spark, FeatureInput features, RepresentationInput representations) {
    return load(spark, features, representations, IdsFrom.REFUSE);
  }

  /**
   * Loads both inputs, joining their ids by the given rule: {@link IdsFrom#REFUSE} (the default)
   * refuses any id on one side only; FEATURES, REPRESENTATIONS and BOTH analyse the feature
   * table's ids, the representations' ids or their intersection (in the feature table's order),
   * the features being encoded on the analysed stimuli only. What was dropped is in
   * {@link LoadedInputs#warnings()} and {@link LoadedInputs#idJoin()}.
   *
   * @param idsFrom the id rule; a precomputed RDM takes only REFUSE
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static LoadedInputs load(SparkSession spark, FeatureInput features,
      RepresentationInput representations, IdsFrom idsFrom) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    if (representations.format() == InputFormat.RDM) {
      checkPaths(conf, features, representations, idsFrom);
      FeatureTable table = readFeatures(spark, features);
      requireEnough(table, features.uri(), null);
      EncodedFeatures encoded = encode(table, features);
      PrecomputedRdm matrix = RdmReader.read(spark, representations, table.ids(), features.uri());
      return new LoadedInputs(encoded, null, matrix, describe(conf, features, representations),
          List.of(), null);
    }
    checkPaths(conf, features, representations, idsFrom);
    return load(conf, features, representations, idsFrom, () -> readFeatures(spark, features),
        ids -> RepresentationReader.readInFileOrder(spark, representations, ids, features.uri()));
  }

  /**
   * Loads both inputs on the driver without Spark when they allow it: the feature table a plain
   * local CSV file ({@link PlainCsv}) or Parquet table ({@link PlainParquet}) and the
   * representations an array format read on the driver
   * (.npy, HDF5, .npz, .safetensors) or a plain local Parquet table ({@link PlainParquet}). Same
   * checks, same messages and the same result as {@link #load}.
   *
   * @param conf resolves the URIs (a plain Hadoop configuration is enough)
   * @return the inputs, or empty when one of them needs Spark to be read
   * @throws InputException on any bad input, naming the file and the problem
   */
  public static Optional<LoadedInputs> loadWithoutSpark(Configuration conf,
      FeatureInput features, RepresentationInput representations, IdsFrom idsFrom) {
    return loadWithoutSpark(conf, features, representations, idsFrom, Long.MAX_VALUE);
  }

  /**
   * As {@link #loadWithoutSpark(Configuration, FeatureInput, RepresentationInput, IdsFrom)},
   * leaving to Spark, unread, a Parquet table whose footers say its matrix may exceed the budget.
   *
   * @param budgetBytes the largest representation matrix (n x D x 4 bytes) read here
   */
  public static Optional<LoadedInputs> loadWithoutSpark(Configuration conf,
      FeatureInput features, RepresentationInput representations, IdsFrom idsFrom,
      long budgetBytes) {
    if (representations.format() == InputFormat.RDM) {
      return Optional.empty();
    }
    checkPaths(conf, features, representations, idsFrom);
    InputFormat featureFormat = RepresentationFormat.resolve(
        conf, features.uri(), features.format(), "features").kind();
    RepresentationFormat format = RepresentationFormat.resolve(
        conf, representations.uri(), representations.format(), "representations");
    if (featureFormat != InputFormat.CSV && featureFormat != InputFormat.PARQUET) {
      return Optional.empty();
    }
    Optional<RepresentationFormat.DriverRead> reader = format.withoutSpark(conf, representations,
        budgetBytes);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    Optional<FeatureTable> table = readFeaturesWithoutSpark(conf, features);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(load(conf, features, representations, idsFrom, table::get,
        ids -> reader.get().read(ids, features.uri())));
  }

  /**
   * Reads the feature table on the driver without Spark when it is a plain local CSV or Parquet
   * file, with the checks and messages of {@link #readFeatures}.
   *
   * @param conf resolves the URI (a plain Hadoop configuration is enough)
   * @return the table, or empty (nothing read) when it needs Spark SQL to be read
   * @throws InputException on bad input, naming the file, the column and the row
   */
  public static Optional<FeatureTable> readFeaturesWithoutSpark(Configuration conf,
      FeatureInput features) {
    InputFormat featureFormat = RepresentationFormat.resolve(
        conf, features.uri(), features.format(), "features").kind();
    String idColumn = features.idColumn() == null ? "id" : features.idColumn();
    if (featureFormat == InputFormat.PARQUET) {
      return PlainParquet.inspect(conf, features.uri(), "features")
          .filter(p -> p.supportsFeatures(idColumn))
          .map(p -> p.features(idColumn, features.featureColumns()));
    }
    if (featureFormat != InputFormat.CSV) {
      return Optional.empty();
    }
    return PlainCsv.read(features.uri(), idColumn).map(csv -> FeatureFrames.fromRows(
        csv.schema(), csv.rows(), idColumn, features.featureColumns(), features.uri()));
  }

  /** Reads the representations (rows in file order) given the feature table's ids. */
  private interface RepresentationSource {
    Representations read(List<String> featureIds);
  }

  private static void checkPaths(Configuration conf, FeatureInput features,
      RepresentationInput representations, IdsFrom idsFrom) {
    boolean rdm = representations.format() == InputFormat.RDM;
    String role = rdm ? "RDM" : "representations";
    InputPaths.requireReadable(conf, features.uri(), "features");
    InputPaths.requireReadable(conf, representations.uri(), role);
    if (representations.idsUri() != null) {
      InputPaths.requireReadable(conf, representations.idsUri(), "representation ids");
    }
    if (rdm && idsFrom != IdsFrom.REFUSE) {
      throw new InputException("ids-from " + idsFrom.cliName() + " is not supported with a"
          + " precomputed RDM (" + representations.uri() + "); give an RDM over the same"
          + " stimuli as the feature table, or the representations themselves");
    }
  }

  private static List<InputFile> describe(Configuration conf, FeatureInput features,
      RepresentationInput representations) {
    String role = representations.format() == InputFormat.RDM ? "RDM" : "representations";
    List<InputFile> files = new ArrayList<>();
    files.add(InputFiles.describe(conf, features.uri(), "features"));
    files.add(InputFiles.describe(conf, representations.uri(), role));
    if (representations.idsUri() != null) {
      files.add(InputFiles.describe(conf, representations.idsUri(), "representation ids"));
    }
    return files;
  }

  /** Reads and joins inputs whose paths {@link #checkPaths} accepted. */
  private static LoadedInputs load(Configuration conf, FeatureInput features,
      RepresentationInput representations, IdsFrom idsFrom,
      java.util.function.Supplier<FeatureTable> featureTable, RepresentationSource source) {
    FeatureTable table = featureTable.get();
    requireEnough(table, features.uri(), null);
    // The whole table is encoded (and checked) before the representations are read, unless the
    // join may drop feature rows: then the encoding is fitted on the analysed stimuli only.
    boolean wholeTable = idsFrom == IdsFrom.REFUSE || idsFrom == IdsFrom.FEATURES;
    EncodedFeatures encoded = wholeTable ? encode(table, features) : null;
    List<String> warnings = new ArrayList<>();
    Representations read = source.read(table.ids());
    IdJoin join = IdAlignment.join(table.ids(), features.uri(), read.ids(), "representations",
        representations.uri(), idsFrom);
    if (!wholeTable) {
      table = table.rows(join.featureRows());
      requireEnough(table, features.uri(), idsFrom);
      encoded = encode(table, features);
    }
    Representations reps = read.joined(join);
    String warning = join.warning("features (" + features.uri() + ")", "representations");
    if (warning != null) {
      warnings.add(warning);
    }
    return new LoadedInputs(encoded, reps, null, describe(conf, features, representations),
        warnings, join);
  }

  /** At least {@value #MIN_STIMULI} stimuli, before or after the id join. */
  static void requireEnough(FeatureTable table, String uri, IdsFrom joined) {
    if (table.size() < MIN_STIMULI) {
      throw new InputException(uri + ": found " + table.size()
          + (table.size() == 1 ? " stimulus" : " stimuli")
          + (joined == null ? "" : " with representations (ids-from " + joined.cliName() + ")")
          + "; a fit needs at least " + MIN_STIMULI + " (a train/test split of at least 2 + 2)");
    }
  }

  /**
   * Reads the feature table alone (Parquet or CSV, in file order), without encoding it.
   *
   * @param spark the session
   * @param features where and how to read it
   * @return the raw table
   * @throws InputException on a missing file, an unsupported format or bad content
   */
  public static FeatureTable readFeatures(SparkSession spark, FeatureInput features) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    InputPaths.requireReadable(conf, features.uri(), "features");
    InputFormat format = RepresentationFormat.resolve(
        conf, features.uri(), features.format(), "features").kind();
    if (format != InputFormat.PARQUET && format != InputFormat.CSV) {
      throw new InputException("features file " + features.uri() + ": format " + format
          + " is not supported for features; use Parquet or CSV");
    }
    String idColumn = features.idColumn() == null ? "id" : features.idColumn();
    return FeatureFrames.toFeatureTable(
        TableReader.read(spark, features.uri(), format, idColumn, "features"), idColumn,
        features.featureColumns(), features.uri());
  }

  /** The feature encoding of {@link #load}, for callers that read the table themselves. */
  static EncodedFeatures encode(FeatureTable table, FeatureInput features) {
    try {
      FeatureSchema schema = FeatureSchema.inferred();
      if (!features.featureColumns().isEmpty()) {
        schema = schema.select(features.featureColumns());
      } else if (features.splitColumn() != null) {
        // every column but the id and the split column
        List<String> columns = new ArrayList<>(table.featureNames());
        columns.remove(features.splitColumn());
        schema = schema.select(columns);
      }
      for (Map.Entry<String, FeatureKind> kind : features.kinds().entrySet()) {
        schema = schema.withKind(kind.getKey(), kind.getValue());
      }
      EncodedFeatures encoded =
          schema.withMissingDistance(features.missingDistance()).encode(table);
      requireUnambiguousUnits(encoded.layout().featureNames(), features.uri());
      return encoded;
    } catch (IllegalArgumentException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw new InputException("features file " + features.uri() + ": " + e.getMessage(), e);
    }
  }

  /** The word before ':' in the total-importance units ("total:feature"). */
  static final String TOTAL_PREFIX = "total";

  /**
   * Importance units are named "a" (a feature), "a:b" (the interaction of a and b) and
   * "total:a" (a's total importance), so a feature name holding ':' or equal to "total" would
   * make two different units share a name in the importance tables; such names are refused.
   */
  static void requireUnambiguousUnits(List<String> names, String uri) {
    for (String name : names) {
      if (name.indexOf(':') >= 0) {
        throw new InputException("features file " + uri + ": feature '" + name + "' contains"
            + " ':', which separates the two features of an interaction unit ('a:b'), so its"
            + " importance rows would be ambiguous; rename the column (or category) without ':'");
      }
      if (name.equals(TOTAL_PREFIX)) {
        throw new InputException("features file " + uri + ": a feature named '" + name
            + "' would make its interaction units ('total:x') indistinguishable from the total"
            + " importance units of other features ('total:x'); rename the column");
      }
    }
  }
}
