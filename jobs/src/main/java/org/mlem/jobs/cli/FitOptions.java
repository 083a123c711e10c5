package org.mlem.jobs.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code mlem fit}, as picocli declares them (names, help, value types). The
 * values are read from picocli's parse result by long name (see {@link SettingsMap}), so that
 * the same names serve as YAML keys and only options actually given override the file. Every
 * value is optional here; defaults come from the core's {@code MlemConfig.builder()}.
 */
public final class FitOptions {
  @Option(names = "--features", paramLabel = "URI",
      description = "Feature table (Parquet or CSV): an id column plus feature columns.")
  String features;

  @Option(names = "--representations", paramLabel = "URI",
      description = "Representations: Parquet, CSV, .npy, HDF5 or a precomputed RDM.")
  String representations;

  @Option(names = "--out", paramLabel = "DIR", description = "The run directory to write.")
  String out;

  @Option(names = "--id-column", paramLabel = "NAME",
      description = "Stimulus id column of both tables (default: id).")
  String idColumn;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "mlem (default), frrsa or frrsa-i.")
  String model;

  @Option(names = "--parametrization", paramLabel = "NAME",
      description = "How MLEM keeps W positive semidefinite: projected (default; projected "
          + "gradient on W, cannot trap a feature) or cholesky (the paper's W = L L^T).")
  String parametrization;

  @Option(names = "--interactions",
      description = "Interaction terms (default for mlem; forced off for frrsa, on for frrsa-i).")
  Boolean interactions;

  @Option(names = "--no-interactions", description = "No interaction terms (diagonal W).")
  Boolean noInteractions;

  @Option(names = "--distance", paramLabel = "NAME",
      description = "Neural distance: euclidean (default), sqeuclidean, manhattan, cosine, "
          + "correlation, norm_diff.")
  String distance;

  @Option(names = "--seed", paramLabel = "N", description = "Run seed (default 0).")
  Long seed;

  @Option(names = "--test-fraction", paramLabel = "X",
      description = "Held-out fraction of stimuli, in (0, 1) (default 0.2).")
  Double testFraction;

  @Option(names = "--folds", paramLabel = "K",
      description = "K-fold cross-validation instead of one train/test split (K >= 2).")
  Integer folds;

  @Option(names = "--permutations", paramLabel = "P",
      description = "Permutations per importance unit (default 10; 0 skips importance).")
  Integer permutations;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Pairs per batch, >= 2, or auto (default: estimated from the features).")
  String batchSize;

  @Option(names = "--max-steps", paramLabel = "N",
      description = "Maximum training steps (default 1000).")
  Integer maxSteps;

  @Option(names = "--stopping", paramLabel = "SIGNAL",
      description = "Score early stopping watches: validation (default; one fixed batch of "
          + "training pairs) or training (each step's batch, the paper's rule).")
  String stopping;

  @Option(names = "--patience", paramLabel = "N",
      description = "Early-stopping patience in steps (default 50).")
  Integer patience;

  @Option(names = "--lr", paramLabel = "X", description = "AdamW learning rate (default 0.1).")
  Double lr;

  @Option(names = "--strength", paramLabel = "MODE:X",
      description = "Soft-rank strength, relative:C or absolute:EPS (default absolute:1.0).")
  String strength;

  @Mixin FeatureTableOptions featureTable;

  @Option(names = "--representations-format", paramLabel = "FORMAT",
      description = "auto (by extension, default), parquet, csv, npy, hdf5 or rdm.")
  String representationsFormat;

  @Option(names = "--vector-column", paramLabel = "NAME",
      description = "Parquet column holding the vectors (default: detected).")
  String vectorColumn;

  @Option(names = "--ids", paramLabel = "URI",
      description = "For .npy/HDF5: text file with one id per row (default: feature table order).")
  String ids;

  @Option(names = "--hdf5-dataset", paramLabel = "PATH",
      description = "Dataset inside the HDF5 file (default: the only one).")
  String hdf5Dataset;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Spark tasks per batch request (default 0: the default parallelism).")
  Integer partitions;

  @Option(names = "--placement", paramLabel = "MODE",
      description = "Where the representations live: broadcast, partitioned (row blocks in a "
          + "cached RDD) or auto (default: partitioned beyond --broadcast-budget-mb).")
  String placement;

  @Option(names = "--broadcast-budget-mb", paramLabel = "MB",
      description = "Largest representation matrix (n x D x 4 bytes) auto broadcasts "
          + "(default 512).")
  Integer broadcastBudgetMb;

  @Option(names = "--importance", paramLabel = "KIND",
      description = "Permutation importance: stimulus (default: shuffle a feature's values "
          + "across held-out stimuli; main and interaction effects) or term (the paper's: "
          + "shuffle one term of W across held-out pairs; plus totals).")
  String importance;

  @Option(names = "--no-total-importance",
      description = "Skip the total importance per feature (--importance term only).")
  Boolean noTotalImportance;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the same keys as these options (flags win).")
  String config;

  @Option(names = "--overwrite", description = "Replace an existing run directory.")
  Boolean overwrite;

  @Option(names = "--quiet", description = "No progress lines, only the summary.")
  Boolean quiet;

  @Option(names = "--no-report",
      description = "Do not write DIR/report.html at the end (default: write it).")
  Boolean noReport;
}
