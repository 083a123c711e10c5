package org.mlem.jobs.spark;

import java.io.Serializable;

/**
 * A task's result: the neural distances of positions {@code [from, from + neural.length)} of
 * request number {@code request}. Sent from the executors to the driver, which copies it into
 * the assembled batch.
 */
final class BatchSlice implements Serializable {
  private static final long serialVersionUID = 1L;

  final int request;
  final int from;
  final double[] neural;

  BatchSlice(int request, int from, double[] neural) {
    this.request = request;
    this.from = from;
    this.neural = neural;
  }
}
