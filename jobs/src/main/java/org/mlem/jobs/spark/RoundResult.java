package org.mlem.jobs.spark;

import java.io.Serializable;
import org.mlem.core.importance.PermutationRound;

/**
 * A permutation round in a form the executors can send back to the driver (core's
 * {@link PermutationRound} is not serializable); converted back without changing a bit.
 */
final class RoundResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int permutation;
  private final double baseline;
  private final double[] units;
  private final double[] totals;

  RoundResult(PermutationRound round) {
    this.permutation = round.permutation();
    this.baseline = round.baseline();
    this.units = round.units();
    this.totals = round.totals();
  }

  /** The round as core's value. */
  PermutationRound toRound() {
    return new PermutationRound(permutation, baseline, units, totals);
  }
}
