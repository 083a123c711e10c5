package org.mlem.core.distance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Neural distances that remember every pair they have computed, for fits that draw the same
 * pairs again and again: a large training batch (the sentence-shaped regime draws a quarter of
 * all training pairs at every step) would otherwise recompute hundreds of thousands of
 * representation distances per step. The first request of a pair computes it with the wrapped
 * distances and stores it; later requests, in either order of the two stimuli, read it. The
 * values are exactly the wrapped ones (the distances of this project are symmetric bit for bit:
 * squared differences, products and norms commute), so a fit is unchanged.
 *
 * <p>Memory: one double per unordered pair, n(n-1)/2 x 8 bytes (36 MB for 3,000 stimuli); use
 * {@link #ofBudget} to fall back to the wrapped distances above a budget. Thread-safe: threads
 * that race on a pair compute the same value and store it with opaque (atomic) writes.
 * In-process only: a memo is not worth shipping, so it serializes as the wrapped distances.
 */
public final class MemoizedPairDistances implements PairDistances {
  private static final long serialVersionUID = 1L;
  /** The default budget: pairs of up to about 4,000 stimuli. */
  public static final long DEFAULT_BUDGET_BYTES = 64L << 20;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(double[].class);

  private final PairDistances distances;
  /** Lower triangle, row i holds pairs (i, 0..i-1); NaN = not computed yet. */
  private final transient double[] memo;

  private MemoizedPairDistances(PairDistances distances) {
    this.distances = distances;
    long n = distances.size();
    this.memo = new double[(int) (n * (n - 1) / 2)];
    java.util.Arrays.fill(memo, Double.NaN);
  }

  /**
   * The memoized distances when their triangle fits {@code budgetBytes}, else {@code distances}
   * itself (also when they are a table already: {@link PrecomputedRdm}).
   */
  public static PairDistances ofBudget(PairDistances distances, long budgetBytes) {
    Objects.requireNonNull(distances, "distances");
    if (distances instanceof MemoizedPairDistances || distances instanceof PrecomputedRdm) {
      return distances;
    }
    long n = distances.size();
    long bytes = n * (n - 1) / 2 * Double.BYTES;
    return bytes <= budgetBytes && n * (n - 1) / 2 <= Integer.MAX_VALUE - 8
        ? new MemoizedPairDistances(distances)
        : distances;
  }

  @Override
  public int size() {
    return distances.size();
  }

  @Override
  public double distance(int i, int j) {
    if (i == j) {
      return distances.distance(i, j);
    }
    int slot = slot(i, j);
    double cached = (double) SLOT.getOpaque(memo, slot);
    if (!Double.isNaN(cached)) {
      return cached;
    }
    double d = distances.distance(Math.max(i, j), Math.min(i, j));
    SLOT.setOpaque(memo, slot, d);
    return d;
  }

  /**
   * Reads the remembered pairs and computes the others together with the wrapped distances'
   * {@link PairDistances#distancesAt} (four rows at a time for representation distances).
   */
  @Override
  public void distancesAt(int[] first, int[] second, int[] positions, int count, double[] out,
      int outOffset) {
    int[] misses = new int[count];
    int missed = 0;
    for (int q = 0; q < count; q++) {
      int k = positions[q];
      int i = first[k];
      int j = second[k];
      if (i == j) {
        out[k - outOffset] = distances.distance(i, j);
        continue;
      }
      double cached = (double) SLOT.getOpaque(memo, slot(i, j));
      if (Double.isNaN(cached)) {
        misses[missed++] = k;
      } else {
        out[k - outOffset] = cached;
      }
    }
    if (missed == 0) {
      return;
    }
    distances.distancesAt(first, second, misses, missed, out, outOffset);
    for (int q = 0; q < missed; q++) {
      int k = misses[q];
      SLOT.setOpaque(memo, slot(first[k], second[k]), out[k - outOffset]);
    }
  }

  /** The memo slot of the unordered pair {i, j}, i != j. */
  private static int slot(int i, int j) {
    int hi = Math.max(i, j);
    int lo = Math.min(i, j);
    return (int) ((long) hi * (hi - 1) / 2) + lo;
  }

  /** Serializes as the wrapped distances (the memo stays in this JVM). */
  private Object writeReplace() {
    return distances;
  }
}
