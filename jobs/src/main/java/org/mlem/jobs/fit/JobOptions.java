package org.mlem.jobs.fit;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.config.Option;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Validator;
import org.mlem.core.config.ValueType;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.spark.Placement;

/**
 * The option table of the jobs: the inputs, the output and the Spark-side knobs, declared like
 * the core's ({@link MlemOptions}) and joined with them into each command's table
 * ({@link #FIT}, {@link #SWEEP}, {@link #ESTIMATE_BATCH_SIZE}). The command line, the config
 * files and run.json derive their names, defaults, rules and help from these declarations.
 */
public final class JobOptions {
  private JobOptions() {}

  private static final ValueType<InputFormat> FORMAT = ValueType.oneOf(
      f -> f.name().toLowerCase(Locale.ROOT), JobOptions::format, InputFormat.values());

  private static InputFormat format(String text) {
    String t = text == null ? "" : text.trim();
    for (InputFormat f : InputFormat.values()) {
      if (f.name().equalsIgnoreCase(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format " + text);
  }

  private static Validator<InputFormat> formats(InputFormat... allowed) {
    Set<InputFormat> set = EnumSet.of(allowed[0], allowed);
    StringBuilder rule = new StringBuilder("one of ");
    for (int i = 0; i < allowed.length; i++) {
      rule.append(i == 0 ? "" : ", ").append(allowed[i].name().toLowerCase(Locale.ROOT));
    }
    return new Validator<>(set::contains, rule.toString());
  }

  /** The feature table. */
  public static final Option<String> FEATURES = Option.of("features", ValueType.TEXT)
      .label("URI").doc("Feature table (Parquet or CSV): an id column plus feature columns.")
      .build();

  /** The representations. */
  public static final Option<String> REPRESENTATIONS = Option.of("representations",
          ValueType.TEXT)
      .label("URI").doc("Representations: Parquet, CSV, .npy, HDF5, .npz, .safetensors or a "
          + "precomputed RDM (mlem sweep also: NIfTI volumes, epochs).")
      .build();

  /** The run directory. */
  public static final Option<String> OUT = Option.of("out", ValueType.TEXT)
      .label("DIR").doc("The run directory to write.").build();

  /** The format of the feature table. */
  public static final Option<InputFormat> FEATURES_FORMAT = Option.of("features-format", FORMAT)
      .defaultValue(InputFormat.AUTO)
      .validator(formats(InputFormat.AUTO, InputFormat.PARQUET, InputFormat.CSV))
      .label("FORMAT").doc("Format of the feature table (auto: by extension).").build();

  /** The format of the representations. */
  public static final Option<InputFormat> REPRESENTATIONS_FORMAT = Option.of(
          "representations-format", FORMAT)
      .defaultValue(InputFormat.AUTO).label("FORMAT")
      .doc("Format of the representations (auto: by extension).").build();

  /** The Parquet column of the vectors. */
  public static final Option<String> VECTOR_COLUMN = Option.of("vector-column", ValueType.TEXT)
      .defaultText("detected").label("NAME").doc("Parquet column holding the vectors.").build();

  /** The ids of an array file. */
  public static final Option<String> IDS = Option.of("ids", ValueType.TEXT)
      .defaultText("the feature table's order").label("URI")
      .doc("For arrays (.npy, HDF5, .npz, .safetensors, NIfTI volumes, epochs): text file with "
          + "one id per row.").build();

  /** The ids of {@code mlem rsa}'s array sets. */
  public static final Option<String> RSA_IDS = Option.of("ids", ValueType.TEXT)
      .defaultText("row numbers 0..n-1: rows matched by position").label("URI")
      .doc("For array sets (.npy, HDF5, .npz, .safetensors, NIfTI volumes, epochs): text file "
          + "with one id per row, shared by every set.").build();

  /** The dataset inside an HDF5 file. */
  public static final Option<String> HDF5_DATASET = Option.of("hdf5-dataset", ValueType.TEXT)
      .defaultText("the only one").label("PATH")
      .doc("Dataset inside the HDF5 file (or array of an .npz, tensor of a .safetensors).")
      .build();

  /** Which stimuli are analysed when the two sides list different ids. */
  public static final Option<IdsFrom> IDS_FROM = Option.of("ids-from",
          ValueType.oneOf(IdsFrom::cliName, IdsFrom::parse, IdsFrom.values()))
      .defaultValue(IdsFrom.REFUSE).label("SIDE")
      .doc("Which stimuli to analyse when the feature table and the representations list "
          + "different ids: refuse, features, representations, or both (their intersection); "
          + "dropped ids are reported and recorded.")
      .build();

  /** Which stimuli {@code mlem rsa} compares when the sets list different ids. */
  public static final Option<IdsFrom> RSA_IDS_FROM = Option.of("ids-from",
          ValueType.oneOf(IdsFrom::cliName, IdsFrom::parse, IdsFrom.REFUSE, IdsFrom.BOTH))
      .defaultValue(IdsFrom.REFUSE)
      .validator(new Validator<>(v -> v == IdsFrom.REFUSE || v == IdsFrom.BOTH,
          "refuse or both"))
      .label("SIDE")
      .doc("Which stimuli to compare when the sets list different ids: refuse (every set must "
          + "list the same ids) or both (the ids common to all sets; the dropped are counted "
          + "per set, reported and recorded).")
      .build();

  /** Spark tasks per batch request. */
  public static final Option<Integer> PARTITIONS = Option.of("partitions", ValueType.INT)
      .defaultValue(0).validator(new Validator<>(v -> v >= 0,
          ">= 0 (0 = Spark's default parallelism)"))
      .label("N").doc("Spark tasks per batch request.").build();

  /** Where the representations live. */
  public static final Option<Placement> PLACEMENT = Option.of("placement",
          ValueType.oneOf(Placement::cliName, Placement::parse, Placement.values()))
      .defaultValue(Placement.AUTO).label("MODE")
      .doc("Where the representations live: broadcast, partitioned (row blocks in a cached "
          + "RDD) or auto (partitioned beyond --broadcast-budget-mb).")
      .build();

  /** The largest matrix auto broadcasts. */
  public static final Option<Integer> BROADCAST_BUDGET_MB = Option.of("broadcast-budget-mb",
          ValueType.INT)
      .defaultValue(Placement.DEFAULT_BROADCAST_BUDGET_MB).validator(Validator.atLeast(0))
      .label("MB").doc("Largest representation matrix (n x D x 4 bytes) auto broadcasts.")
      .build();

  /** The Spark master. */
  public static final Option<String> MASTER = Option.of("master", ValueType.TEXT)
      .defaultText("spark-submit's, else local[*]").label("URL").doc("Spark master.").build();

  /** What runs a fit: Spark or the core engine in process. */
  public static final Option<Engine> ENGINE = Option.of("engine",
          ValueType.oneOf(Engine::cliName, Engine::parse, Engine.values()))
      .defaultValue(Engine.AUTO).label("MODE")
      .doc("What runs the fit: spark, in-process (the core engine in this JVM, no Spark "
          + "session) or auto (in-process for a local master and plain local inputs: CSV or "
          + "Parquet features, .npy/HDF5/.npz/.safetensors or Parquet representations, within "
          + "--broadcast-budget-mb; identical results).")
      .build();

  /** Whether an existing output is replaced. */
  public static final Option<Boolean> OVERWRITE = Option.of("overwrite", ValueType.BOOLEAN)
      .defaultValue(false).doc("Replace an existing run directory (never any other directory).")
      .build();

  /** Whether progress lines are printed. */
  public static final Option<Boolean> QUIET = Option.of("quiet", ValueType.BOOLEAN)
      .defaultValue(false).doc("No progress lines, only the summary.").build();

  /** Whether Spark's own logs are shown. */
  public static final Option<Boolean> VERBOSE = Option.of("verbose", ValueType.BOOLEAN)
      .defaultValue(false).doc("Spark's and MLEM's INFO logs on stderr (by default only the "
          + "warnings that matter).").build();

  /** Whether the HTML report is written. */
  public static final Option<Boolean> REPORT = Option.of("report", ValueType.BOOLEAN)
      .defaultValue(true).doc("Write the HTML report(s) at the end.")
      .negation("no-report", "Do not write the HTML report(s).").build();

  /** Sets fitted at once in a sweep. */
  public static final Option<Integer> CONCURRENCY = Option.of("concurrency", ValueType.INT)
      .defaultValue(0).validator(Validator.atLeast(0)).label("K")
      .doc("Sets fitted at once (driver threads, each submitting its own Spark jobs); 0 = auto: "
          + "the cluster's task slots when sets are fitted in Spark tasks (--set-placement task, "
          + "or auto on a cluster), else 1. Results do not depend on it.")
      .build();

  /** Where a sweep fits each set. */
  public static final Option<SetPlacement> SET_PLACEMENT = Option.of(
          "set-placement", ValueType.oneOf(SetPlacement::cliName,
              SetPlacement::parse, SetPlacement.values()))
      .defaultValue(SetPlacement.AUTO).label("MODE")
      .doc("Where each set is fitted: task (the whole fit inside one Spark task, for many small "
          + "sets such as ROIs or time windows), driver (driven from the driver, distributed "
          + "within the fit by --placement) or auto (on a cluster: task for sets within "
          + "--broadcast-budget-mb, else driver; on a local master: the core engine in this JVM "
          + "for such sets, read without Spark where their format allows, unless --placement "
          + "partitioned); identical results.")
      .build();

  /** The set column of a table of sets. */
  public static final Option<String> SET_COLUMN = Option.of("set-column", ValueType.TEXT)
      .defaultValue("layer").validator(Validator.notBlank("a column name (not blank)"))
      .label("NAME").doc("For a Parquet table of sets: the column naming each row's set.")
      .build();

  /** A batch_size.json to reuse. */
  public static final Option<String> BATCH_SIZE_FILE = Option.of("batch-size-file",
          ValueType.TEXT)
      .label("FILE").doc("Reuse this batch_size.json (from mlem estimate-batch-size or an "
          + "earlier sweep) instead of estimating.")
      .build();

  /** The output file of {@code mlem estimate-batch-size}. */
  public static final Option<String> BATCH_SIZE_OUT = Option.of("out", ValueType.TEXT)
      .label("FILE").doc("The JSON file to write (batch_size, rounds, max_std, warnings, "
          + "features, seed, interactions); reuse it with mlem sweep --batch-size-file.")
      .build();

  /** A brain mask over NIfTI volumes. */
  public static final Option<String> MASK = Option.of("mask", ValueType.TEXT)
      .label("URI").doc("For NIfTI volumes: a mask (.nii/.nii.gz, non-zero = in) on their grid; "
          + "alone, one set of the masked voxels; with --atlas, restricts every ROI.")
      .build();

  /** An atlas of labelled ROIs over NIfTI volumes. */
  public static final Option<String> ATLAS = Option.of("atlas", ValueType.TEXT)
      .label("URI").doc("For NIfTI volumes: an atlas (integer labels, 0 = background) on their "
          + "grid; one set per ROI (stimuli x the ROI's voxels).")
      .build();

  /** The names of the atlas's labels. */
  public static final Option<String> ATLAS_LABELS = Option.of("atlas-labels", ValueType.TEXT)
      .defaultText("label=<n>").label("URI")
      .doc("TSV or CSV of label,name naming the atlas's ROIs (every label must be named).")
      .build();

  /** The time points of MEG/EEG epochs. */
  public static final Option<String> TIMES = Option.of("times", ValueType.TEXT)
      .label("URI").doc("For epochs (stimuli x channels x time, .npy/HDF5): the time of each "
          + "point in seconds (.npy, or one number per line).")
      .build();

  /** The sampling rate of MEG/EEG epochs. */
  public static final Option<Double> SFREQ = Option.of("sfreq", ValueType.DOUBLE)
      .validator(Validator.greaterThan(0)).label("HZ")
      .doc("For epochs without --times: samples per second (time points t0 + k / sfreq).")
      .build();

  /** The time of the first point of the epochs. */
  public static final Option<Double> T0 = Option.of("t0", ValueType.DOUBLE)
      .defaultValue(0.0).label("S").doc("With --sfreq: the time of the first point (seconds).")
      .build();

  /** The width of a time window. */
  public static final Option<Double> WINDOW = Option.of("window", ValueType.DOUBLE)
      .validator(Validator.greaterThan(0)).label("S")
      .doc("For epochs: the time window width in seconds; one set per window, named "
          + "t=<start>-<end>s (stimuli x channels * points in the window).")
      .build();

  /** The step between time windows. */
  public static final Option<Double> STRIDE = Option.of("stride", ValueType.DOUBLE)
      .validator(Validator.greaterThan(0)).defaultText("--window").label("S")
      .doc("The step between window starts in seconds.")
      .build();

  /** The radius of a searchlight sphere. */
  public static final Option<String> RADIUS = Option.of("radius", ValueType.TEXT)
      .defaultValue("6mm").validator(Validator.notBlank("a radius such as 6mm or 2vox"))
      .label("R").doc("Searchlight sphere radius: millimetres from the volumes' affine (6mm, "
          + "or a plain number) or voxels (2vox).")
      .build();

  /** Which in-mask voxels are searchlight centres. */
  public static final Option<Integer> CENTER_STRIDE = Option.of("center-stride", ValueType.INT)
      .defaultValue(1).validator(Validator.atLeast(1)).label("K")
      .doc("Searchlight centres: the in-mask voxels whose i, j and k are multiples of K "
          + "(1 = every in-mask voxel).")
      .build();

  /** The smallest searchlight sphere fitted. */
  public static final Option<Integer> MIN_VOXELS = Option.of("min-voxels", ValueType.INT)
      .defaultValue(10).validator(Validator.atLeast(1)).label("M")
      .doc("Searchlight spheres with fewer in-mask voxels are skipped (and counted).")
      .build();

  /** A column of the feature table holding each stimulus's split. */
  public static final Option<String> SPLIT_COLUMN = Option.of("split-column", ValueType.TEXT)
      .validator(Validator.notBlank("a column name (not blank)")).label("NAME")
      .doc("Predefined split instead of a random one: a column of the feature table with "
          + "train/test per stimulus (one split) or integer fold ids (one fold per id); not a "
          + "feature. Excludes --split-file, --folds and --test-fraction.")
      .build();

  /** A file of id,split or id,fold rows. */
  public static final Option<String> SPLIT_FILE = Option.of("split-file", ValueType.TEXT)
      .validator(Validator.notBlank("a file (not blank)")).label("FILE")
      .doc("Predefined split instead of a random one: CSV or TSV of id,split (train/test) or "
          + "id,fold (integer fold ids) rows, optional header; every analysed stimulus exactly "
          + "once. Excludes --split-column, --folds and --test-fraction.")
      .build();

  /** How the feature table is read. */
  public static final OptionTable FEATURE_TABLE = OptionTable.of(MlemOptions.ID_COLUMN,
      MlemOptions.FEATURE_COLUMNS, MlemOptions.KINDS, MlemOptions.MISSING_DISTANCE,
      FEATURES_FORMAT);

  /** Everything {@code mlem fit} accepts. */
  public static final OptionTable FIT = OptionTable.of(FEATURES, REPRESENTATIONS, OUT)
      .with(MlemOptions.CONFIG).with(MlemOptions.DISTANCE).with(FEATURE_TABLE)
      .with(REPRESENTATIONS_FORMAT, VECTOR_COLUMN, IDS, HDF5_DATASET, IDS_FROM, PARTITIONS,
          PLACEMENT,
          BROADCAST_BUDGET_MB, MASTER, OVERWRITE, QUIET, VERBOSE, REPORT);

  /**
   * Everything the {@code mlem fit} command accepts: the fit's options, the engine and a
   * predefined split (read on the driver; a sweep's sets fitted inside Spark tasks do not take
   * one).
   */
  public static final OptionTable FIT_COMMAND = FIT.with(ENGINE, SPLIT_COLUMN, SPLIT_FILE);

  /**
   * Everything {@code mlem efficiency} accepts besides its own lists: the fit's options (the
   * model comes from {@code --models}, the size from {@code --train-sizes}) and a predefined
   * split.
   */
  public static final OptionTable EFFICIENCY = FIT.without(MlemOptions.MODEL)
      .without(MlemOptions.TRAIN_SIZE).with(ENGINE, SPLIT_COLUMN, SPLIT_FILE);

  /** Everything {@code mlem sweep} accepts: the fit's options and the sweep's own. */
  public static final OptionTable SWEEP =
      FIT.with(CONCURRENCY, SET_PLACEMENT, SET_COLUMN, BATCH_SIZE_FILE, MASK, ATLAS, ATLAS_LABELS, TIMES, SFREQ,
          T0, WINDOW, STRIDE);

  /**
   * Everything {@code mlem searchlight} accepts: the fit's options without the within-fit
   * placement (each sphere is fitted whole inside one Spark task), the mask and the spheres.
   */
  public static final OptionTable SEARCHLIGHT = OptionTable.of(FEATURES, REPRESENTATIONS, OUT)
      .with(MlemOptions.CONFIG).with(MlemOptions.DISTANCE).with(FEATURE_TABLE)
      .with(IDS, IDS_FROM, PARTITIONS, MASTER, OVERWRITE, QUIET, VERBOSE, REPORT,
          BATCH_SIZE_FILE, MASK, RADIUS, CENTER_STRIDE, MIN_VOXELS);

  /**
   * Everything {@code mlem rsa} accepts: the sets (named as {@code mlem sweep} names them, so
   * every format and brain cut a sweep reads works), the RSA's measure, bootstrap and pair
   * budget, the neural distance, and the run options.
   */
  public static final OptionTable RSA = OptionTable.of(REPRESENTATIONS, OUT)
      .with(MlemOptions.RSA)
      .with(REPRESENTATIONS_FORMAT, VECTOR_COLUMN, MlemOptions.ID_COLUMN, RSA_IDS, RSA_IDS_FROM,
          SET_COLUMN, MASK, ATLAS, ATLAS_LABELS, TIMES, SFREQ, T0, WINDOW, STRIDE, MASTER,
          OVERWRITE, QUIET, VERBOSE, REPORT);

  /** Everything {@code mlem estimate-batch-size} accepts. */
  public static final OptionTable ESTIMATE_BATCH_SIZE =
      OptionTable.of(FEATURES, BATCH_SIZE_OUT, MlemOptions.SEED, MlemOptions.INTERACTIONS)
          .with(FEATURE_TABLE).with(MASTER, OVERWRITE, VERBOSE);
}
