package org.mlem.jobs.fit;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.api.PairSourceFactory;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.jobs.io.DistributedRepresentations;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.PartitionedInputLoader;
import org.mlem.jobs.io.PartitionedInputs;
import org.mlem.jobs.io.PartitionedRepresentationReader;
import org.mlem.jobs.spark.PartitionedPairSourceFactory;
import org.mlem.jobs.spark.Placement;
import org.mlem.jobs.spark.RepresentationBlocks;
import org.mlem.jobs.spark.SparkPairSourceFactory;

/**
 * The inputs of one fit loaded for the resolved {@link Placement}, with the pair-source factory
 * to analyze them. Precomputed RDMs and {@code broadcast} use {@link InputLoader} and
 * {@link SparkPairSourceFactory}. {@code auto} resolves by n x D x 4 bytes against the budget
 * (Parquet/CSV: the table's row count and first row; .npy/HDF5: the array read on the driver).
 * {@code partitioned} reads Parquet/CSV with Spark ({@link PartitionedInputLoader}) into
 * {@link RepresentationBlocks}, so the driver never holds the matrix; .npy/HDF5 are read on
 * the driver and parallelized. Close after the analysis (destroys broadcasts, drops blocks).
 *
 * @param features the encoded features
 * @param factory opens the pair sources
 * @param placement the resolved placement (broadcast or partitioned)
 * @param dims D, or null for a precomputed RDM
 * @param files provenance of the files read
 * @param warnings non-fatal findings
 * @param resources what {@link #close} releases, in order
 * @param idJoin the id join under a non-default ids-from rule (rule, dropped counts and
 *     examples, for the run manifest), or null when nothing could be dropped
 */
record FitSources(EncodedFeatures features, PairSourceFactory factory, Placement placement,
    Integer dims, List<InputFile> files, List<String> warnings, List<AutoCloseable> resources,
    IdJoin idJoin)
    implements AutoCloseable {

  static FitSources open(SparkSession spark, FitSettings s) {
    return open(spark, s, s.idsFrom());
  }

  /**
   * Opens the inputs joining their ids by {@code idsFrom} (see {@link InputLoader#load}); the
   * ids dropped are in {@link #warnings()} and {@link #idJoin()}.
   */
  static FitSources open(SparkSession spark, FitSettings s, IdsFrom idsFrom) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Placement placement = s.placement();
    InputFormat format = s.representations().format();
    String path = s.representations().uri().toLowerCase(java.util.Locale.ROOT);
    boolean rdm = format == InputFormat.RDM;
    org.mlem.jobs.io.RepresentationFormat declared = rdm ? null
        : format == InputFormat.AUTO ? org.mlem.jobs.io.RepresentationFormat.byExtension(path)
        : org.mlem.jobs.io.RepresentationFormat.of(format);
    boolean driverArray = declared != null && declared.readOnDriver();
    if (!rdm && !driverArray && placement == Placement.AUTO) {
      try {
        long[] shape = PartitionedRepresentationReader.shape(spark, s.representations());
        placement = placement.resolve(shape[0], shape[1], s.broadcastBudgetMb());
      } catch (InputException e) {
        // A bad file: the broadcast loader reports it, in its order of checks (features first).
        placement = Placement.BROADCAST;
      }
    }
    if (rdm || placement == Placement.BROADCAST || driverArray) {
      return placed(jsc, load(spark, s, idsFrom), placement, s);
    }
    PartitionedInputs inputs;
    try {
      inputs = PartitionedInputLoader.load(spark, s.features(), s.representations(), idsFrom);
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    DistributedRepresentations reps = inputs.representations();
    RepresentationBlocks blocks = reps.rows() != null
        ? RepresentationBlocks.fromRows(reps.rows(), reps.stimuli(), reps.dims(), 0)
        : RepresentationBlocks.fromRepresentations(jsc, reps.local(), 0);
    reps.close();
    PartitionedPairSourceFactory factory;
    try {
      factory = new PartitionedPairSourceFactory(jsc, inputs.features(), blocks, s.distance(),
          s.partitions());
    } catch (IllegalArgumentException e) {
      blocks.close();
      throw new InputException(s.representations().uri() + ": " + e.getMessage(), e);
    }
    return new FitSources(inputs.features(), factory, Placement.PARTITIONED, reps.dims(),
        inputs.files(), inputs.warnings(), List.of(factory, blocks), inputs.idJoin());
  }

  /**
   * Inputs read on the driver, placed as the settings say: broadcast, or row blocks in a cached
   * RDD for {@code partitioned} (and for {@code auto} beyond the broadcast budget). A
   * precomputed RDM is always broadcast.
   */
  static FitSources placed(JavaSparkContext jsc, LoadedInputs loaded, FitSettings s) {
    return placed(jsc, loaded, s.placement(), s);
  }

  private static FitSources placed(JavaSparkContext jsc, LoadedInputs loaded,
      Placement placement, FitSettings s) {
    Placement resolved = loaded.representations() == null ? Placement.BROADCAST
        : placement.resolve(loaded.features().size(), loaded.representations().dims(),
            s.broadcastBudgetMb());
    Integer dims = loaded.representations() != null ? loaded.representations().dims() : null;
    if (resolved == Placement.PARTITIONED) {
      RepresentationBlocks blocks =
          RepresentationBlocks.fromRepresentations(jsc, loaded.representations(), 0);
      PartitionedPairSourceFactory factory = new PartitionedPairSourceFactory(jsc,
          loaded.features(), blocks, s.distance(), s.partitions());
      return new FitSources(loaded.features(), factory, resolved, dims, loaded.files(),
          loaded.warnings(), List.of(factory, blocks), joinOrNull(loaded.idJoin(), s.idsFrom()));
    }
    SparkPairSourceFactory factory = new SparkPairSourceFactory(jsc, loaded.features(),
        loaded.distances(s.distance()), s.partitions());
    return new FitSources(loaded.features(), factory, Placement.BROADCAST, dims,
        loaded.files(), loaded.warnings(), List.of(factory),
        joinOrNull(loaded.idJoin(), s.idsFrom()));
  }

  /** The join to record: none under the default rule, where nothing is ever dropped. */
  static IdJoin joinOrNull(IdJoin join, IdsFrom idsFrom) {
    return idsFrom == IdsFrom.REFUSE ? null : join;
  }

  private static LoadedInputs load(SparkSession spark, FitSettings s, IdsFrom idsFrom) {
    try {
      return InputLoader.load(spark, s.features(), s.representations(), idsFrom);
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  /** Releases the broadcasts or blocks. */
  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot release " + resource + ": " + e.getMessage(), e);
      }
    }
  }
}
