package org.mlem.jobs.spark;

import java.io.Serializable;

/**
 * A task's result: the feature distances (row-major, F per pair) and neural distances of
 * positions {@code [from, from + neural.length)} of request number {@code request}. Sent from
 * the executors to the driver, which copies it into the assembled batch.
 */
final class BatchSlice implements Serializable {
  private static final long serialVersionUID = 1L;

  final int request;
  final int from;
  final double[] delta;
  final double[] neural;

  BatchSlice(int request, int from, double[] delta, double[] neural) {
    this.request = request;
    this.from = from;
    this.delta = delta;
    this.neural = neural;
  }
}
