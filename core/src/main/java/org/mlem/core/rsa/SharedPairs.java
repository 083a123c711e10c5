package org.mlem.core.rsa;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PositionalRandom;

/**
 * The stimulus pairs on which every set's RDM is compared (docs/method.md section 9): all
 * n(n-1)/2 pairs of the n common stimuli when they fit the budget, else a seeded sample of
 * exactly {@code budget} distinct pairs, the same for every set. Pairs are in lower-triangular
 * row-major order (pair number a(a-1)/2 + b joins stimuli b &lt; a, as
 * {@link org.mlem.core.pairs.PairSampler} numbers them); a sample is drawn by Floyd's algorithm
 * (Bentley and Floyd 1987, "A sample of brilliance"): for j = N - m .. N - 1, t =
 * below(mix(seed, stream, j), j + 1) is taken unless already taken, else j is; the pair numbers
 * are then sorted. So the sample depends only on the seed, n and the budget.
 *
 * @param stimuli the number n of common stimuli, &gt;= 2
 * @param pairs the pairs, by common-stimulus index
 * @param all whether these are all n(n-1)/2 pairs
 */
public record SharedPairs(int stimuli, PairIndices pairs, boolean all) {
  /** The stream of the pair sample in {@link PositionalRandom#mix(long, long, long)}. */
  static final long STREAM = 0x5253415F50414952L; // "RSA_PAIR"

  /**
   * The shared pairs of n stimuli.
   *
   * @param n the common stimuli, &gt;= 2
   * @param budget the most pairs used, &gt;= 1
   * @param seed the run seed
   * @throws IllegalArgumentException if n &lt; 2 or budget &lt; 1
   */
  public static SharedPairs of(int n, int budget, long seed) {
    if (n < 2) {
      throw new IllegalArgumentException("RSA needs at least 2 stimuli, found " + n);
    }
    if (budget < 1) {
      throw new IllegalArgumentException("max-pairs must be >= 1, found " + budget);
    }
    long total = (long) n * (n - 1) / 2;
    long[] numbers;
    boolean all = total <= budget;
    if (all) {
      numbers = new long[(int) total];
      for (int p = 0; p < numbers.length; p++) {
        numbers[p] = p;
      }
    } else {
      Set<Long> taken = new HashSet<>(budget * 2);
      for (long j = total - budget; j < total; j++) {
        long t = PositionalRandom.below(PositionalRandom.mix(seed, STREAM, j), j + 1);
        taken.add(taken.contains(t) ? j : t);
      }
      numbers = new long[budget];
      int k = 0;
      for (long t : taken) {
        numbers[k++] = t;
      }
      Arrays.sort(numbers);
    }
    int[] first = new int[numbers.length];
    int[] second = new int[numbers.length];
    for (int k = 0; k < numbers.length; k++) {
      long a = row(numbers[k]);
      first[k] = (int) (numbers[k] - a * (a - 1) / 2);
      second[k] = (int) a;
    }
    return new SharedPairs(n, new PairIndices(first, second), all);
  }

  /** The number of pairs. */
  public int size() {
    return pairs.size();
  }

  /**
   * One set's RDM on these pairs: {@code out[k] = d(rows[first[k]], rows[second[k]])}.
   *
   * @param distances the set's neural distances, by its own row index
   * @param rows for each common stimulus, its row in the set
   * @return the distances, one per pair
   * @throws IllegalArgumentException if a distance is not finite
   */
  public double[] rdm(PairDistances distances, int[] rows) {
    if (rows.length != stimuli) {
      throw new IllegalArgumentException("rows must list the " + stimuli + " common stimuli,"
          + " found " + rows.length);
    }
    int[] first = pairs.first();
    int[] second = pairs.second();
    double[] out = new double[first.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = distances.distance(rows[first[k]], rows[second[k]]);
      if (!Double.isFinite(out[k])) {
        throw new IllegalArgumentException("the distance between rows " + rows[first[k]]
            + " and " + rows[second[k]] + " is " + out[k] + " (too large values?)");
      }
    }
    return out;
  }

  /** The largest a with a(a-1)/2 &lt;= p (the row of pair number p). */
  static long row(long p) {
    long a = (long) ((1.0 + Math.sqrt(1.0 + 8.0 * (double) p)) / 2.0);
    while (a * (a - 1) / 2 > p) {
      a--;
    }
    while ((a + 1) * a / 2 <= p) {
      a++;
    }
    return a;
  }
}
