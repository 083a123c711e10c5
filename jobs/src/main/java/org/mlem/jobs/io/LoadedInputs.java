package org.mlem.jobs.io;

import java.util.List;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.distance.PrecomputedRdm;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;

/**
 * Validated inputs of one fit, aligned by stimulus id: the encoded features and either the
 * representations (in the features' id order) or a precomputed RDM (same order).
 *
 * @param features encoded features (ids define the stimulus order)
 * @param representations representations in the same order, or null with an RDM
 * @param rdm precomputed neural distances in the same order, or null with representations
 * @param files provenance of every file read
 * @param warnings non-fatal findings (e.g. the ids dropped by the id join)
 * @param idJoin how the ids were joined (rule, analysed ids, dropped counts and examples: what
 *     the run manifest records), or null for a precomputed RDM (always joined strictly)
 */
public record LoadedInputs(
    EncodedFeatures features, Representations representations, PrecomputedRdm rdm,
    List<InputFile> files, List<String> warnings, IdJoin idJoin) {

  /** Copies the lists; exactly one of representations and rdm must be present. */
  public LoadedInputs {
    if ((representations == null) == (rdm == null)) {
      throw new IllegalArgumentException("exactly one of representations and rdm must be given");
    }
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  /**
   * The size of the representation matrix as float32, n x D x 4 bytes (0 for an RDM): what an
   * in-process fit is budgeted by ({@code --broadcast-budget-mb}).
   */
  public long matrixBytes() {
    return representations == null ? 0
        : (long) representations.size() * representations.dims() * Float.BYTES;
  }

  /** The neural distances: the RDM, or the chosen distance over the representations. */
  public PairDistances distances(org.mlem.core.distance.NeuralDistance distance) {
    return rdm != null ? rdm
        : new org.mlem.core.distance.RepresentationDistances(representations, distance);
  }
}
