package org.mlem.core.rsa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The RSA matrix of L representation sets (docs/method.md section 9): for every two sets a &lt;=
 * b, the correlation of their RDMs on the shared pairs ({@link RsaMeasure}) and a 95% percentile
 * interval from B stimulus-bootstrap resamples ({@link StimulusBootstrap}): resample r gives
 * pair {i, j} the weight w_i w_j, and the correlation is recomputed on the weighted pairs
 * (Spearman through {@link WeightedSpearman}, one sort per RDM for every resample; Kendall's
 * tau-a through {@link WeightedKendallTauA}, one sort per two sets). Resample r depends only on
 * the seed and r, so the matrix is the same for any number of threads.
 */
public final class RsaMatrix {
  private RsaMatrix() {}

  /**
   * Computes the matrix.
   *
   * @param names the sets' names, for messages
   * @param rdms each set's distances on the shared pairs (same pairs, same order), length P
   *     &gt;= 2
   * @param pairs the shared pairs (for the bootstrap's weights)
   * @param measure the correlation
   * @param bootstrap resamples B &gt;= 0 (0: no interval)
   * @param seed the run seed
   * @param threads worker threads &gt;= 1
   * @return the entries, a &lt;= b, in row-major order
   * @throws IllegalArgumentException if an RDM is constant (no correlation is defined), naming
   *     the set
   */
  public static List<RsaEntry> compute(List<String> names, List<double[]> rdms,
      SharedPairs pairs, RsaMeasure measure, int bootstrap, long seed, int threads) {
    int sets = rdms.size();
    if (names.size() != sets || sets == 0) {
      throw new IllegalArgumentException("one name per RDM is needed, found " + names.size()
          + " names and " + sets + " RDMs");
    }
    if (bootstrap < 0 || threads < 1) {
      throw new IllegalArgumentException("bootstrap must be >= 0 and threads >= 1, found "
          + bootstrap + " and " + threads);
    }
    int p = pairs.size();
    int[][] orders = new int[sets][];
    for (int s = 0; s < sets; s++) {
      double[] rdm = rdms.get(s);
      if (rdm.length != p) {
        throw new IllegalArgumentException("the RDM of set " + names.get(s) + " has "
            + rdm.length + " distances, expected one per shared pair (" + p + ")");
      }
      requireNotConstant(names.get(s), rdm);
      orders[s] = WeightedSpearman.order(rdm);
    }
    int cells = sets * (sets + 1) / 2;
    double[] values = new double[cells];
    double[][] replicates = new double[cells][bootstrap];
    double[] ones = new double[p];
    java.util.Arrays.fill(ones, 1.0);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      if (measure == RsaMeasure.SPEARMAN) {
        spearmanCells(values, rdms, orders, ones);
        run(pool, () -> IntStream.range(0, bootstrap).parallel().forEach(r -> {
          double[] cell = new double[cells];
          spearmanCells(cell, rdms, orders, weights(pairs, seed, r));
          for (int c = 0; c < cells; c++) {
            replicates[c][r] = cell[c];
          }
        }));
      } else {
        int c = 0;
        for (int a = 0; a < sets; a++) {
          for (int b = a; b < sets; b++) {
            WeightedKendallTauA.Prepared prepared =
                WeightedKendallTauA.prepare(rdms.get(a), rdms.get(b));
            values[c] = WeightedKendallTauA.of(prepared, ones);
            double[] cell = replicates[c];
            run(pool, () -> IntStream.range(0, bootstrap).parallel().forEach(r ->
                cell[r] = WeightedKendallTauA.of(prepared, weights(pairs, seed, r))));
            c++;
          }
        }
      }
    } finally {
      pool.shutdown();
    }
    List<RsaEntry> out = new ArrayList<>(cells);
    int c = 0;
    for (int a = 0; a < sets; a++) {
      for (int b = a; b < sets; b++) {
        PercentileInterval ci = bootstrap == 0 ? new PercentileInterval(Double.NaN, Double.NaN, 0)
            : PercentileInterval.of(replicates[c], PercentileInterval.LEVEL_95);
        out.add(new RsaEntry(a, b, values[c], ci.low(), ci.high(), ci.used()));
        c++;
      }
    }
    return out;
  }

  /** The pair weights of resample r ({@link StimulusBootstrap}). */
  private static double[] weights(SharedPairs pairs, long seed, int r) {
    return StimulusBootstrap.pairWeights(StimulusBootstrap.counts(seed, r, pairs.stimuli()),
        pairs.pairs());
  }

  /** Runs parallel work in the pool, rethrowing what it threw. */
  private static void run(ForkJoinPool pool, Runnable work) {
    try {
      pool.submit(work).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the RSA bootstrap was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("the RSA bootstrap failed: " + cause, cause);
    }
  }

  /**
   * Spearman for every cell a &lt;= b with pair weights w: each RDM's centred weighted ranks once,
   * then one weighted product per cell; NaN where a weighted RDM is constant (a resample that
   * drew too few distinct stimuli).
   */
  private static void spearmanCells(double[] cells, List<double[]> rdms, int[][] orders,
      double[] w) {
    int sets = rdms.size();
    int p = w.length;
    double[][] centred = new double[sets][p];
    double[] ss = new double[sets];
    for (int s = 0; s < sets; s++) {
      ss[s] = WeightedSpearman.centredRanks(rdms.get(s), orders[s], w, centred[s]);
    }
    int c = 0;
    for (int a = 0; a < sets; a++) {
      for (int b = a; b < sets; b++) {
        cells[c++] = ss[a] > 0 && ss[b] > 0
            ? WeightedSpearman.correlation(centred[a], ss[a], centred[b], ss[b], w)
            : Double.NaN;
      }
    }
  }

  private static void requireNotConstant(String name, double[] rdm) {
    if (rdm.length < 2 || isConstant(rdm)) {
      throw new IllegalArgumentException("set " + name + " has the same distance ("
          + (rdm.length == 0 ? "none" : rdm[0]) + ") for all " + rdm.length + " shared pairs:"
          + " its RDM is constant and no rank correlation with it is defined; drop the set or"
          + " check its values");
    }
  }

  private static boolean isConstant(double[] x) {
    for (int i = 1; i < x.length; i++) {
      if (x[i] != x[0]) {
        return false;
      }
    }
    return true;
  }
}
