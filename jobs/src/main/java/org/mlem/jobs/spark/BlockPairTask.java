package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import scala.Tuple2;

/**
 * Second stage of a partitioned batch job: the neural distances of one block pair's positions.
 * The rows shipped by the (one or two) blocks are laid side by side, ascending, into a small
 * core {@link Representations}; core's {@link RepresentationDistances#distance(int, int)} then
 * computes each pair on that very float data with the very same procedure as the broadcast
 * placement (a row's norm and mean depend only on the row), so every value is bit-identical.
 */
final class BlockPairTask implements Function<Tuple2<Long, Iterable<BlockRows>>, PositionDistances> {
  private static final long serialVersionUID = 1L;

  private final BatchRouting routing;
  private final NeuralDistance metric;
  private final int dims;

  BlockPairTask(BatchRouting routing, NeuralDistance metric, int dims) {
    this.routing = routing;
    this.metric = metric;
    this.dims = dims;
  }

  @Override
  public PositionDistances call(Tuple2<Long, Iterable<BlockRows>> entry) {
    List<BlockRows> parts = new ArrayList<>();
    entry._2().forEach(parts::add);
    parts.sort(Comparator.comparingInt(p -> p.block));
    int total = 0;
    for (BlockRows part : parts) {
      total += part.rows.length;
    }
    int[] rows = new int[total];
    float[] data = new float[total * dims];
    List<String> ids = new ArrayList<>(total);
    int at = 0;
    for (BlockRows part : parts) {
      System.arraycopy(part.rows, 0, rows, at, part.rows.length);
      System.arraycopy(part.data, 0, data, at * dims, part.data.length);
      at += part.rows.length;
    }
    for (int row : rows) {
      ids.add(Integer.toString(row));
    }
    RepresentationDistances distances =
        new RepresentationDistances(Representations.of(ids, data, dims), metric);
    int[] positions = routing.positionsOf(entry._1());
    double[] values = new double[positions.length];
    for (int p = 0; p < positions.length; p++) {
      int k = positions[p];
      values[p] = distances.distance(local(rows, routing.first(k)), local(rows, routing.second(k)));
    }
    return new PositionDistances(positions, values);
  }

  private static int local(int[] rows, int row) {
    int local = Arrays.binarySearch(rows, row);
    if (local < 0) {
      throw new IllegalStateException("block pair task: row " + row + " was not shipped");
    }
    return local;
  }
}
