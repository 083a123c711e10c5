package org.mlem.jobs.spark;

import java.io.Serializable;
import org.mlem.core.train.PairStream;

/**
 * What one task computes: positions {@code [from, to)} of the batch (stream, index, size), the
 * request being number {@code request} of its call. Sent from the driver to the executors.
 */
final class SliceSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  final int request;
  final PairStream stream;
  final long index;
  final int size;
  final int from;
  final int to;

  SliceSpec(int request, PairStream stream, long index, int size, int from, int to) {
    this.request = request;
    this.stream = stream;
    this.index = index;
    this.size = size;
    this.from = from;
    this.to = to;
  }

  @Override
  public String toString() {
    return stream + " batch " + index + " (size " + size + ") pairs " + from + "-" + (to - 1);
  }
}
