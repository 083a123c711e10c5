package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import scala.Tuple2;

/**
 * Second stage of a partitioned call, run where the home blocks are cached: for each home block,
 * lays the two rows of each of its positions side by side (rows of blocks cached in this
 * partition read in place, the others from the shipped rows, in the same position order) into a small core
 * {@link Representations}, and computes every distance with core's
 * {@link RepresentationDistances#distance(int, int)} on that very float data with the very same
 * procedure as the broadcast placement (a row's norm and mean depend only on the row), so every
 * value is bit-identical. Work is proportional to the home's positions, never to the block.
 */
final class HomeDistancesTask
    implements FlatMapFunction2<Iterator<Tuple2<Integer, RowBlock>>,
        Iterator<Tuple2<Integer, ShippedRows>>, PositionDistances>,
        FlatMapFunction<Iterator<Tuple2<Integer, RowBlock>>, PositionDistances> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<HomeRouting> shared;
  private transient HomeRouting routing;
  private final NeuralDistance metric;
  private final FailOnceHook failOnce;

  HomeDistancesTask(Broadcast<HomeRouting> shared, NeuralDistance metric, FailOnceHook failOnce) {
    this.shared = shared;
    this.metric = metric;
    this.failOnce = failOnce;
  }

  /** The single-stage form: no pair leaves its block. */
  @Override
  public Iterator<PositionDistances> call(Iterator<Tuple2<Integer, RowBlock>> blocks) {
    return call(blocks, Collections.emptyIterator());
  }

  @Override
  public Iterator<PositionDistances> call(
      Iterator<Tuple2<Integer, RowBlock>> blocks, Iterator<Tuple2<Integer, ShippedRows>> shipped) {
    routing = shared.value();
    List<Tuple2<Integer, ShippedRows>> received = new ArrayList<>();
    shipped.forEachRemaining(received::add);
    RowBlock[] local = new RowBlock[routing.blockCount()];
    List<RowBlock> homes = new ArrayList<>();
    while (blocks.hasNext()) {
      RowBlock block = blocks.next()._2();
      failOnce.maybeFail("distances of block " + block.index());
      local[block.index()] = block;
      homes.add(block);
    }
    List<PositionDistances> out = new ArrayList<>();
    for (RowBlock block : homes) {
      int h = block.index();
      if (routing.to(h) == routing.from(h)) {
        continue;
      }
      float[][] from = new float[routing.blockCount()][];
      for (Tuple2<Integer, ShippedRows> rows : received) {
        if (rows._1() == h) {
          from[rows._2().block] = rows._2().data;
        }
      }
      out.add(distances(block, local, from));
    }
    return out.iterator();
  }

  private PositionDistances distances(RowBlock block, RowBlock[] local, float[][] shipped) {
    int h = block.index();
    int dims = block.dims();
    int begin = routing.from(h);
    int m = routing.to(h) - begin;
    float[] data = new float[2 * m * dims];
    int[] next = new int[shipped.length];
    int[] positions = new int[m];
    for (int p = 0; p < m; p++) {
      int k = routing.position(begin + p);
      positions[p] = k;
      place(block, local, shipped, next, routing.first(k), data, 2 * p * dims);
      place(block, local, shipped, next, routing.second(k), data, (2 * p + 1) * dims);
    }
    RepresentationDistances distances =
        new RepresentationDistances(Representations.of(LocalIds.first(2 * m), data, dims), metric);
    double[] values = new double[m];
    for (int p = 0; p < m; p++) {
      values[p] = distances.distance(2 * p, 2 * p + 1);
    }
    return new PositionDistances(positions, values);
  }

  private void place(RowBlock block, RowBlock[] local, float[][] shipped, int[] next, int row,
      float[] out, int offset) {
    int b = routing.block(row);
    if (routing.together(b, block.index())) {
      if (local[b] == null) {
        throw new IllegalStateException("home block " + block.index() + ": block " + b
            + " is not cached in the same partition");
      }
      local[b].copyRow(row, out, offset);
      return;
    }
    float[] rows = shipped[b];
    int dims = block.dims();
    if (rows == null || next[b] + dims > rows.length) {
      throw new IllegalStateException("home block " + block.index() + ": row " + row
          + " of block " + b + " was not shipped");
    }
    System.arraycopy(rows, next[b], out, offset, dims);
    next[b] += dims;
  }
}
