package org.mlem.jobs.io;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.Representations;

/**
 * One file format representations are read from: the file-name extensions that select it, whether
 * the whole file is read on the driver (arrays) or can be read by Spark tasks (tables), and how it
 * is read into a numeric matrix with one id per row. Every representation reader (the driver-side
 * loader, the partitioned reader) and sweep's set discovery go through {@link #all()} and
 * {@link #resolve}, so a new format is one subclass registered in {@link #all()} plus its test.
 *
 * <p>Directories are inspected ({@link DirectoryContents}): a directory of Parquet part files is
 * a Parquet dataset, a directory of CSV files is one CSV table, anything else is refused with
 * what was found and what to pass.
 */
public abstract class RepresentationFormat {
  private static final List<RepresentationFormat> ALL = List.of(
      new TableFormat(InputFormat.PARQUET, List.of(".parquet")),
      new TableFormat(InputFormat.CSV, List.of(".csv")),
      new ArrayFormat.Npy(),
      new ArrayFormat.Hdf5(),
      new ArrayFormat.Npz(),
      new ArrayFormat.Safetensors());

  RepresentationFormat() {}

  /** Every format, in the order extensions are tried. */
  public static List<RepresentationFormat> all() {
    return ALL;
  }

  /** The format's constant in the settings ({@code --representations-format}). */
  public abstract InputFormat kind();

  /** Lower-case file-name endings that select this format, with the dot (e.g. ".npy"). */
  public abstract List<String> extensions();

  /**
   * True when the whole file is read into the driver's memory (arrays: .npy, HDF5); false for
   * tables that Spark tasks can read part by part (the partitioned placement).
   */
  public abstract boolean readOnDriver();

  /** True when rows carry their ids (tables); arrays take an ids file or the features' order. */
  public abstract boolean carriesIds();

  /**
   * Reads the file into representations, rows in the file's order.
   *
   * @param spark the session (tables are read with Spark SQL; arrays use only its Hadoop
   *     configuration)
   * @param input where and how to read
   * @param featureIds the feature table's ids: the row ids of an array without an ids file
   * @param featuresSource the feature file, for messages
   * @throws InputException on any bad content, naming the file, the id and the column
   */
  abstract Representations read(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource);

  /**
   * Reads one input on the driver, without Spark, exactly as {@link #read} reads it with Spark.
   */
  interface DriverRead {
    /**
     * @param featureIds the feature table's ids: the row ids of an array without an ids file
     * @param featuresSource the feature file, for messages
     * @return the representations, rows in the file's order
     * @throws InputException as {@link #read} throws
     */
    Representations read(List<String> featureIds, String featuresSource);
  }

  /**
   * How this input is read on the driver without Spark, or empty when it needs Spark: arrays
   * always; a Parquet table when it is plain ({@link PlainParquet}); never a CSV table.
   * Inspecting may read the file's metadata (a Parquet footer), not its data.
   *
   * @param budgetBytes a table whose matrix may exceed this (n x D x 4 bytes) is left to Spark
   *     without being read (arrays are read on the driver by Spark's path too)
   */
  Optional<DriverRead> withoutSpark(Configuration conf, RepresentationInput input,
      long budgetBytes) {
    return Optional.empty();
  }

  /** The user-facing name, e.g. "parquet". */
  public String cliName() {
    return kind().name().toLowerCase(Locale.ROOT);
  }

  /** True when the file name ends with one of this format's extensions (any case). */
  public boolean matches(String uri) {
    String name = trimmed(uri);
    for (String extension : extensions()) {
      if (name.endsWith(extension)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The format declared by a setting.
   *
   * @throws IllegalArgumentException for AUTO or RDM (not a representation file format)
   */
  public static RepresentationFormat of(InputFormat kind) {
    for (RepresentationFormat format : ALL) {
      if (format.kind() == kind) {
        return format;
      }
    }
    throw new IllegalArgumentException("no representation file format " + kind);
  }

  /** The format a file name's extension selects, or null. */
  public static RepresentationFormat byExtension(String uri) {
    for (RepresentationFormat format : ALL) {
      if (format.matches(uri)) {
        return format;
      }
    }
    return null;
  }

  /**
   * The format of an input: the declared one, else by extension, else (a directory) by its
   * contents.
   *
   * @param declared the setting; AUTO or null = detect
   * @param role e.g. "representations", used in messages
   * @throws InputException when the file's name says nothing and it is no directory, or when a
   *     directory holds no single table format (naming what it holds and what to pass)
   */
  public static RepresentationFormat resolve(
      Configuration conf, String uri, InputFormat declared, String role) {
    if (declared != null && declared != InputFormat.AUTO) {
      return of(declared);
    }
    RepresentationFormat byName = byExtension(uri);
    if (byName != null) {
      return byName;
    }
    FileStatus status = InputPaths.status(conf, uri, role);
    if (status.isDirectory()) {
      return of(DirectoryContents.inspect(conf, uri, role).tableFormat());
    }
    throw new InputException("cannot tell the format of the " + role + " file " + uri
        + " from its name; expected " + extensionList()
        + " (or a directory of Parquet or CSV files), or set the format explicitly");
  }

  /** ".parquet, .csv, .npy, .h5, .hdf5, .npz or .safetensors". */
  static String extensionList() {
    StringBuilder text = new StringBuilder();
    List<String> all = new java.util.ArrayList<>();
    for (RepresentationFormat format : ALL) {
      all.addAll(format.extensions());
    }
    for (int i = 0; i < all.size(); i++) {
      text.append(i == 0 ? "" : i == all.size() - 1 ? " or " : ", ").append(all.get(i));
    }
    return text.toString();
  }

  static String trimmed(String uri) {
    String name = uri.toLowerCase(Locale.ROOT);
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }
}
