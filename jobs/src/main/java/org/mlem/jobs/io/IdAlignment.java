package org.mlem.jobs.io;

import java.util.List;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.IdsFrom;

/**
 * The jobs' entry to core's id join ({@link IdJoin}): the same rules and messages everywhere,
 * wrapped as an {@link InputException} naming both files.
 */
final class IdAlignment {
  private IdAlignment() {}

  /**
   * Joins the other input's ids to the feature table's.
   *
   * @param featureIds ids of the feature table, unique, in table order
   * @param otherIds ids of the other input, unique, in its own order
   * @param other e.g. "representations" or "RDM"
   * @throws InputException when {@code idsFrom} refuses the mismatch, with counts and examples
   */
  static IdJoin join(List<String> featureIds, String featuresSource, List<String> otherIds,
      String other, String otherSource, IdsFrom idsFrom) {
    try {
      return IdJoin.of(featureIds, otherIds, idsFrom, "features (" + featuresSource + ")",
          other + " (" + otherSource + ")", other);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  /**
   * For each feature row k, the row of the other input with the same id; both must list the
   * same ids ({@link IdsFrom#REFUSE}).
   */
  static int[] positions(List<String> featureIds, String featuresSource, List<String> otherIds,
      String other, String otherSource) {
    return join(featureIds, featuresSource, otherIds, other, otherSource, IdsFrom.REFUSE)
        .neuralRows();
  }

  /** True if the positions are 0, 1, 2, ... (nothing to reorder). */
  static boolean isIdentity(int[] positions) {
    for (int k = 0; k < positions.length; k++) {
      if (positions[k] != k) {
        return false;
      }
    }
    return true;
  }
}
