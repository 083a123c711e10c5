package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;

/**
 * The distributed form of the checks core's {@link RepresentationDistances} makes at
 * construction: a zero-norm row under cosine, a constant row under correlation. Each block is
 * checked by core itself (a {@code RepresentationDistances} over the block's rows); only a
 * failing block is rescanned row by row to find its first bad row. Other metrics need no check.
 */
final class MetricRowCheck {
  private MetricRowCheck() {}

  /** Whether the metric rejects some rows. */
  static boolean needed(NeuralDistance metric) {
    return metric == NeuralDistance.COSINE || metric == NeuralDistance.CORRELATION;
  }

  /** The first row of the block core rejects under the metric, or -1. */
  static int firstBadRow(RowBlock block, NeuralDistance metric) {
    if (block.rows() >= 2 && accepts(block.data(), block.rows(), block.dims(), metric)) {
      return -1;
    }
    int dims = block.dims();
    for (int r = 0; r < block.rows(); r++) {
      float[] twice = new float[2 * dims];
      System.arraycopy(block.data(), r * dims, twice, 0, dims);
      System.arraycopy(block.data(), r * dims, twice, dims, dims);
      if (!accepts(twice, 2, dims, metric)) {
        return block.firstRow() + r;
      }
    }
    return -1;
  }

  /** Core's message for a rejected row, naming the stimulus id and row. */
  static String message(NeuralDistance metric, String id, int row) {
    return metric == NeuralDistance.COSINE
        ? "cosine distance: stimulus '" + id + "' (row " + row + ") has a zero-norm "
            + "representation; its cosine is undefined"
        : "correlation distance: stimulus '" + id + "' (row " + row + ") has a constant "
            + "representation; its correlation is undefined";
  }

  private static boolean accepts(float[] data, int rows, int dims, NeuralDistance metric) {
    List<String> ids = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      ids.add(Integer.toString(r));
    }
    try {
      new RepresentationDistances(Representations.of(ids, data, dims), metric);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
