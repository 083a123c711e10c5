package org.mlem.jobs.sweep;

import org.mlem.jobs.output.SweepFiles;
import org.mlem.jobs.output.NaturalOrder;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.io.RepresentationFormat;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.io.SetInputs;

/**
 * Finds the representation sets of a sweep from its {@code --representations} value, in
 * natural order of their names ({@link NaturalOrder}):
 *
 * <ul>
 *   <li>a glob ({@code *?[{} in it, e.g. {@code layers/layer=*}{@code /} or
 *       {@code layers/*.npy}): one set per match (names starting with "_" or "." are ignored),
 *       named by the directory's name or the file's stem (name without its last extension);
 *   <li>an HDF5 file: one set per 2-D dataset, named by its path without the leading "/"
 *       ("/" inside a group path becomes ".");
 *   <li>an {@code .npz} archive: one set per array, named by the array; a {@code .safetensors}
 *       file: one set per tensor, named by the tensor (arrays of more than two dimensions are
 *       stimuli x the product of the others);
 *   <li>with {@code --mask}/{@code --atlas}: NIfTI volumes (a 4-D series or a glob of 3-D
 *       files), one set per ROI ({@link VolumeSets});
 *   <li>with {@code --window}: MEG/EEG epochs, one set per time window ({@link WindowSets});
 *   <li>a Parquet table (file or directory, Hive-partitioned directories included) with the set
 *       column ({@code --set-column}, default {@code layer}): one set per distinct value of that
 *       column, named by the value.
 * </ul>
 *
 * Anything else, or a pattern that matches nothing, is an {@link InputException} (exit code 2).
 */
public final class RepresentationSets {
  private RepresentationSets() {}

  /**
   * The sets, naturally ordered by name.
   *
   * @param spark the session (its Hadoop configuration resolves the URIs)
   * @param template the {@code --representations} value and reading options; its URI is the
   *     pattern
   * @param setColumn the set column of a table
   * @throws InputException when nothing matches, names collide, or the input is not a set of
   *     sets
   */
  public static List<RepresentationSet> discover(
      SparkSession spark, RepresentationInput template, String setColumn) {
    return discover(spark, template, setColumn, BrainInputs.NONE);
  }

  /**
   * As {@link #discover(SparkSession, RepresentationInput, String)}, brain data cut by
   * {@code brain} (ROIs, time windows) when it says so.
   */
  public static List<RepresentationSet> discover(
      SparkSession spark, RepresentationInput template, String setColumn, BrainInputs brain) {
    return discover(spark.sparkContext().hadoopConfiguration(), () -> spark, template, setColumn,
        brain);
  }

  /**
   * As {@link #discover(SparkSession, RepresentationInput, String, BrainInputs)}, the session
   * asked for only by what needs it (the set column of a Parquet table): a glob of files,
   * an archive, an HDF5 file or brain volumes are listed without Spark.
   *
   * @param conf resolves the URIs
   */
  public static List<RepresentationSet> discover(Configuration conf,
      java.util.function.Supplier<SparkSession> spark, RepresentationInput template,
      String setColumn, BrainInputs brain) {
    String pattern = template.uri();
    if (pattern == null || pattern.isBlank()) {
      throw new InputException("representations pattern must be given, found none");
    }
    if (template.format() == InputFormat.RDM) {
      throw new InputException("--representations-format rdm is not supported by mlem sweep;"
          + " sweep representation sets (Parquet, CSV, .npy or HDF5)");
    }
    List<RepresentationSet> sets = brain.volumes() ? VolumeSets.discover(conf, template, brain)
        : brain.windows() ? WindowSets.discover(conf, template, brain)
        : hasGlob(pattern) ? globbed(conf, template)
        : single(spark, conf, template, setColumn);
    Map<String, String> seen = new HashMap<>();
    for (RepresentationSet s : sets) {
      String previous = seen.put(s.name(), s.uri());
      if (previous != null) {
        throw new InputException("representations " + pattern + ": two sets are named '"
            + s.name() + "' (" + previous + " and " + s.uri() + "); set names must be unique,"
            + " narrow the pattern");
      }
    }
    List<RepresentationSet> sorted = new ArrayList<>(sets);
    sorted.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()));
    return List.copyOf(sorted);
  }

  /** Whether the text holds a Hadoop glob character. */
  static boolean hasGlob(String pattern) {
    return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /**
   * The files and directories a glob matches, without hidden ones (names starting with '_' or
   * '.', as Spark skips them), in the filesystem's order.
   *
   * @throws InputException when the pattern cannot be listed
   */
  static List<FileStatus> globMatches(Configuration conf, String pattern) {
    FileStatus[] matches;
    try {
      Path path = new Path(pattern);
      matches = path.getFileSystem(conf).globStatus(path);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException("representations pattern " + pattern + " cannot be listed ("
          + e.getMessage() + ")", e);
    }
    List<FileStatus> visible = new ArrayList<>();
    for (FileStatus status : matches == null ? new FileStatus[0] : matches) {
      String base = status.getPath().getName();
      if (!base.startsWith("_") && !base.startsWith(".")) {
        visible.add(status);
      }
    }
    return visible;
  }

  private static List<RepresentationSet> globbed(Configuration conf, RepresentationInput t) {
    String pattern = t.uri();
    List<RepresentationSet> sets = new ArrayList<>();
    for (FileStatus status : globMatches(conf, pattern)) {
      String base = status.getPath().getName();
      String name = status.isDirectory() ? base : stem(base);
      String uri = status.getPath().toString();
      requireOneFormat(conf, t, uri, pattern);
      sets.add(RepresentationSet.ofFile(checkedName(name, uri), uri, withUri(t, uri)));
    }
    if (sets.isEmpty()) {
      throw new InputException("representations pattern " + pattern + " matches nothing; give a"
          + " glob that matches one directory or file per set (e.g. 'layers/layer=*/' or"
          + " 'layers/*.npy'), a Parquet table with a set column or an HDF5 file");
    }
    return sets;
  }

  /**
   * Each matched file or directory must be one representation set in a known format (a
   * directory: Parquet or CSV files), checked before any set runs.
   */
  private static void requireOneFormat(Configuration conf, RepresentationInput t, String uri,
      String pattern) {
    try {
      RepresentationFormat.resolve(conf, uri, t.format(), "representations");
    } catch (InputException e) {
      throw new InputException("representations pattern " + pattern + ": " + e.getMessage(), e);
    }
  }

  private static List<RepresentationSet> single(java.util.function.Supplier<SparkSession> spark,
      Configuration conf, RepresentationInput t, String setColumn) {
    String uri = t.uri();
    InputPaths.requireReadable(conf, uri, "representations");
    boolean directory;
    try {
      Path path = new Path(uri);
      directory = path.getFileSystem(conf).getFileStatus(path).isDirectory();
    } catch (IOException e) {
      throw new InputException("representations file cannot be accessed: " + uri + " ("
          + e.getMessage() + ")", e);
    }
    InputFormat format = RepresentationFormat.resolve(conf, uri, t.format(), "representations")
        .kind();
    if (format == InputFormat.HDF5) {
      if (t.hdf5Dataset() != null) {
        throw new InputException("representations " + uri + ": a sweep over an HDF5 file takes"
            + " every 2-D dataset as a set; drop --hdf5-dataset " + t.hdf5Dataset());
      }
      return hdf5Sets(conf, t);
    }
    if (format == InputFormat.PARQUET) {
      return tableSets(spark.get(), t, setColumn);
    }
    if (format == InputFormat.NPZ || format == InputFormat.SAFETENSORS) {
      if (t.hdf5Dataset() != null) {
        throw new InputException("representations " + uri + ": a sweep over an archive takes"
            + " every array (tensor) as a set; drop --hdf5-dataset " + t.hdf5Dataset());
      }
      List<RepresentationSet> sets = new ArrayList<>();
      for (String member : org.mlem.jobs.io.ArrayFiles.members(conf, uri, format)) {
        RepresentationInput input = new RepresentationInput(uri, format, t.idColumn(),
            t.vectorColumn(), t.idsUri(), member);
        sets.add(RepresentationSet.ofFile(checkedName(member, uri + "#" + member),
            uri + "#" + member, input));
      }
      return sets;
    }
    throw new InputException("representations " + uri + " is a single " + format.name()
        .toLowerCase(java.util.Locale.ROOT) + (directory ? " table" : " file")
        + ", not a set of sets; give a glob that"
        + " matches one file or directory per set (e.g. 'layers/*.npy'), a Parquet table with a"
        + " '" + setColumn + "' column (--set-column) or an HDF5 file with one dataset per set");
  }

  private static List<RepresentationSet> tableSets(
      SparkSession spark, RepresentationInput t, String setColumn) {
    String uri = t.uri();
    org.apache.spark.sql.Dataset<Row> table;
    try {
      table = org.mlem.jobs.io.LiteralPaths.read(spark).parquet(uri);
    } catch (Exception e) {
      throw new InputException("cannot read the representations table " + uri + " as parquet: "
          + e.getMessage(), e);
    }
    if (!Arrays.asList(table.columns()).contains(setColumn)) {
      throw new InputException("representations " + uri + " is one Parquet table without a '"
          + setColumn + "' column (columns: " + String.join(", ", table.columns()) + "); to"
          + " sweep, give a table with a set column (name it with --set-column), or a glob that"
          + " matches one directory or file per set (e.g. '" + uri + "/*')");
    }
    List<Row> values = table.select(setColumn).distinct().collectAsList();
    var tableFile = SetInputs.describe(spark, uri, "representations");
    List<RepresentationSet> sets = new ArrayList<>();
    for (Row row : values) {
      Object value = row.get(0);
      if (value == null) {
        throw new InputException("representations " + uri + ": column '" + setColumn + "' has"
            + " null values; every row must name its set");
      }
      String name = String.valueOf(value);
      String setUri = uri + " [" + setColumn + "=" + name + "]";
      sets.add(new RepresentationSet(checkedName(name, setUri), setUri, t, setColumn, value,
          tableFile, null));
    }
    if (sets.isEmpty()) {
      throw new InputException("representations " + uri + " has no rows; nothing to sweep");
    }
    return sets;
  }

  private static List<RepresentationSet> hdf5Sets(Configuration conf, RepresentationInput t) {
    String uri = t.uri();
    List<String> paths = new ArrayList<>();
    java.nio.file.Path local = null;
    boolean temporary = false;
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      temporary = !"file".equals(fs.getScheme());
      if (temporary) {
        local = Files.createTempFile("mlem-sweep-", ".h5");
        fs.copyToLocalFile(false, path, new Path(local.toUri()), true);
      } else {
        local = java.nio.file.Path.of(fs.makeQualified(path).toUri());
      }
      try (HdfFile file = new HdfFile(local)) {
        collectMatrices(file, paths);
      }
    } catch (IOException | HdfException e) {
      throw new InputException(uri + ": cannot read the HDF5 file (" + e.getMessage() + ")", e);
    } finally {
      if (temporary && local != null) {
        try {
          Files.deleteIfExists(local);
        } catch (IOException e) {
          // a leftover temporary file is harmless
        }
      }
    }
    if (paths.isEmpty()) {
      throw new InputException(uri + ": the HDF5 file has no 2-D dataset; a sweep needs one"
          + " 2-D dataset (stimuli x dimensions) per set");
    }
    List<RepresentationSet> sets = new ArrayList<>();
    for (String datasetPath : paths) {
      String name = datasetPath.substring(1).replace('/', '.');
      RepresentationInput input = new RepresentationInput(uri, InputFormat.HDF5, t.idColumn(),
          t.vectorColumn(), t.idsUri(), datasetPath);
      sets.add(RepresentationSet.ofFile(checkedName(name, uri + "#" + datasetPath),
          uri + "#" + datasetPath, input));
    }
    return sets;
  }

  private static void collectMatrices(Group group, List<String> out) {
    for (Node node : group) {
      if (node instanceof Dataset d && !d.isScalar() && d.getDimensions().length == 2) {
        out.add(d.getPath());
      } else if (node instanceof Group g && !node.isLink()) {
        collectMatrices(g, out);
      }
    }
  }

  private static RepresentationInput withUri(RepresentationInput t, String uri) {
    return new RepresentationInput(uri, t.format(), t.idColumn(), t.vectorColumn(), t.idsUri(),
        t.hdf5Dataset());
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /**
   * Before any set runs: every cut set (ROI, window) has as many rows as the features have
   * stimuli when no ids file orders them.
   *
   * @throws InputException naming the set's source and both counts
   */
  static void requireRows(List<RepresentationSet> sets, RepresentationInput template,
      SetInputs.LoadedFeatures features) {
    if (template.idsUri() != null || sets.isEmpty() || sets.get(0).cut() == null) {
      return;
    }
    int stimuli = features.features().size();
    int rows = sets.get(0).cut().rows();
    if (rows != stimuli) {
      throw new InputException(template.uri() + ": " + rows + " stimuli (volumes or epochs)"
          + " but the features (" + features.source() + ") have " + stimuli + "; without --ids"
          + " they are taken in the feature table's order, so the counts must match: give an"
          + " ids file (one id per stimulus)");
    }
  }

  /** A set name must be usable as a directory name. */
  static String checkedName(String name, String uri) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".")
        || name.equals("..") || name.startsWith("_") || name.startsWith(".")) {
      throw new InputException("representation set " + uri + " gets the name '" + name
          + "', which cannot name its run directory; set names must be non-empty, without '/'"
          + " and must not start with '_' or '.'");
    }
    int dirBytes = SweepFiles.runDirName(name).getBytes(StandardCharsets.UTF_8).length;
    int partitionBytes = ("set=" + ExternalCatalogUtils.escapePathName(name))
        .getBytes(StandardCharsets.UTF_8).length;
    if (Math.max(dirBytes, partitionBytes) > SweepFiles.MAX_DIR_NAME_BYTES) {
      throw new InputException("representation set " + uri + " gets a name of "
          + name.getBytes(StandardCharsets.UTF_8).length + " bytes ('"
          + name.substring(0, Math.min(40, name.length())) + "...'), whose run directory name"
          + " would be " + Math.max(dirBytes, partitionBytes) + " bytes; at most "
          + SweepFiles.MAX_DIR_NAME_BYTES + " fit a filesystem's 255-byte limit: rename the"
          + " set (its file, dataset or column value) to something shorter");
    }
    return name;
  }
}
