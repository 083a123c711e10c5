package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * First stage of a partitioned batch job, run where a block is cached: for every block pair of
 * the call that involves this block, copies out only the rows that pair's positions need, keyed
 * by the block pair. The blocks themselves never move; only the batch's rows are shuffled.
 */
final class BlockRowsTask implements PairFlatMapFunction<Tuple2<Integer, RowBlock>, Long, BlockRows> {
  private static final long serialVersionUID = 1L;

  private final BatchRouting routing;
  private final FailOnceHook failOnce;

  BlockRowsTask(BatchRouting routing, FailOnceHook failOnce) {
    this.routing = routing;
    this.failOnce = failOnce;
  }

  @Override
  public Iterator<Tuple2<Long, BlockRows>> call(Tuple2<Integer, RowBlock> entry) {
    RowBlock block = entry._2();
    failOnce.maybeFail("rows of block " + block.index());
    int dims = block.dims();
    List<Tuple2<Long, BlockRows>> out = new ArrayList<>();
    for (Map.Entry<Long, int[]> needed : routing.rowsNeeded(block.index()).entrySet()) {
      int[] rows = needed.getValue();
      float[] data = new float[rows.length * dims];
      for (int r = 0; r < rows.length; r++) {
        block.copyRow(rows[r], data, r * dims);
      }
      out.add(new Tuple2<>(needed.getKey(), new BlockRows(block.index(), rows, data)));
    }
    return out.iterator();
  }
}
