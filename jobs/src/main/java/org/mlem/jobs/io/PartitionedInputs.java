package org.mlem.jobs.io;

import java.util.List;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.features.EncodedFeatures;

/**
 * The inputs of a fit in the partitioned placement: the encoded features (on the driver; their
 * ids define the row order) and the representations aligned to them, distributed.
 *
 * @param features encoded features
 * @param representations the aligned representations
 * @param files provenance of every file read
 * @param warnings non-fatal findings (e.g. the ids dropped by the id join)
 * @param idJoin how the ids were joined under a non-default ids-from rule (what the run manifest
 *     records), or null under the default rule (nothing dropped; checked by distributed queries)
 */
public record PartitionedInputs(
    EncodedFeatures features, DistributedRepresentations representations,
    List<InputFile> files, List<String> warnings, IdJoin idJoin) {

  /** Copies the lists. */
  public PartitionedInputs {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }
}
