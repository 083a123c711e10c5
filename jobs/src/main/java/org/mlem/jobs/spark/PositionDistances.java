package org.mlem.jobs.spark;

import java.io.Serializable;

/**
 * The neural distances of some positions of a call's batches (positions numbered across the
 * call's requests), sent from a block-pair task to the driver, which writes them in place.
 */
final class PositionDistances implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] positions;
  final double[] distances;

  PositionDistances(int[] positions, double[] distances) {
    this.positions = positions;
    this.distances = distances;
  }
}
