package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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

  private final HomeRouting routing;
  private final FailOnceHook failOnce;

  ShipRowsTask(HomeRouting routing, FailOnceHook failOnce) {
    this.routing = routing;
    this.failOnce = failOnce;
  }

  @Override
  public Iterator<Tuple2<Integer, ShippedRows>> call(Iterator<Tuple2<Integer, RowBlock>> blocks) {
    List<Tuple2<Integer, ShippedRows>> out = new ArrayList<>();
    while (blocks.hasNext()) {
      RowBlock block = blocks.next()._2();
      failOnce.maybeFail("rows of block " + block.index());
      int own = block.index();
      int dims = block.dims();
      for (int h = 0; h < routing.blockCount(); h++) {
        if (routing.together(h, own)) {
          continue;
        }
        int from = routing.from(h);
        int to = routing.to(h);
        int count = 0;
        for (int i = from; i < to; i++) {
          int k = routing.position(i);
          if (routing.block(routing.first(k)) == own || routing.block(routing.second(k)) == own) {
            count++;
          }
        }
        if (count == 0) {
          continue;
        }
        float[] data = new float[count * dims];
        int at = 0;
        for (int i = from; i < to; i++) {
          int k = routing.position(i);
          int a = routing.first(k);
          int b = routing.second(k);
          if (routing.block(a) == own) {
            block.copyRow(a, data, at);
            at += dims;
          } else if (routing.block(b) == own) {
            block.copyRow(b, data, at);
            at += dims;
          }
        }
        out.add(new Tuple2<>(h, new ShippedRows(own, data)));
      }
    }
    return out.iterator();
  }
}
