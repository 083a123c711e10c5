package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * First stage of a partitioned call with pairs across partitions, run where blocks are cached:
 * for every home block cached in another partition, copies out the rows of this block that the home's cross-block
 * positions need, in the home's position order ({@link HomeRouting}), keyed by the home block.
 * Work is proportional to the call's pairs, never to the block's size.
 */
final class ShipRowsTask
    implements PairFlatMapFunction<Iterator<Tuple2<Integer, RowBlock>>, Integer, ShippedRows> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<HomeRouting> shared;
  private transient HomeRouting routing;
  private final FailOnceHook failOnce;

  ShipRowsTask(Broadcast<HomeRouting> shared, FailOnceHook failOnce) {
    this.shared = shared;
    this.failOnce = failOnce;
  }

  @Override
  public Iterator<Tuple2<Integer, ShippedRows>> call(Iterator<Tuple2<Integer, RowBlock>> blocks) {
    routing = shared.value();
    List<Tuple2<Integer, ShippedRows>> out = new ArrayList<>();
    while (blocks.hasNext()) {
      RowBlock block = blocks.next()._2();
      failOnce.maybeFail("rows of block " + block.index());
      int own = block.index();
      int dims = block.dims();
      for (int h = 0; h < routing.blockCount(); h++) {
        int from = routing.shipFrom(own, h);
        int to = routing.shipTo(own, h);
        if (to == from) {
          continue;
        }
        float[] data = new float[(to - from) * dims];
        for (int i = from, at = 0; i < to; i++, at += dims) {
          block.copyRow(routing.shipRow(i), data, at);
        }
        out.add(new Tuple2<>(h, new ShippedRows(own, data)));
      }
    }
    return out.iterator();
  }
}
