package org.mlem.core.batchsize;

import org.mlem.core.features.StimulusRows;

/**
 * The degree-4 monomial sums, term sums and non-zero counts of one chunk of pairs for
 * {@link TermMoments}, accumulated by grouping the pairs on their binary features. Most features
 * of real annotations are categorical, and a categorical distance is exactly 0 or 1 (with a
 * missing distance of 0 or 1); a binary delta satisfies delta^k = delta, so a monomial's binary
 * factors reduce to the indicator that every one of its binary features differs in the pair. The
 * pairs are therefore grouped by their pattern of differing binary features (a bit mask), and per
 * group only the moments of the other ("continuous") features up to degree 3 are summed: the
 * count, the sums of y_i, y_i y_j and y_i y_j y_k over the continuous deltas y, and the number of
 * pairs in which each y_i is non-zero. The moments of degree 4 in the continuous deltas alone do
 * not depend on the pattern and are summed over all pairs. Every product is dense over the
 * continuous features and formed by contiguous loops.
 *
 * <p>After the pass, each group's moments are added once to every subset U of its pattern of at
 * most four features (U's sums of y-moments of degree at most 4 - |U|; with at most
 * {@link #DIRECT_BINARY} binary features, a subset inside one half of them is read from the
 * groups' sums per pattern of that half, so only the subsets spanning both halves are visited per
 * group), and each monomial is read from its binary set U and continuous multiset J: the sum over
 * the groups whose pattern contains U of their degree-|J| moment J. The sums are the same as a
 * pair-by-pair accumulation of the monomials up to the order of the floating-point additions and
 * the association of each product.
 *
 * <p>Use: {@link #detect} the binary features of a block, then per chunk {@link #fresh},
 * {@link #start}, {@link #addBlock} for each block, {@link #finish} and {@link #addTo}. Single
 * use, not thread-safe.
 *
 * <p>The cost per pair is about C(c + 3, 4) + C(c + 2, 3) + c^2 for c continuous features
 * (independent of the number of binary features); the cost per group grows with the number of
 * subsets of its pattern, so this pays when the pairs of a chunk share few patterns. It needs at
 * most {@link #MAX_CONTINUOUS} continuous and {@link #MAX_BINARY} binary features
 * ({@link #detect}); {@link TermMoments} accumulates other blocks pair by pair.
 */
final class GroupedMonomials {
  /** The most continuous features: C(8 + 3, 4) = 330 dense degree-4 products per pair. */
  static final int MAX_CONTINUOUS = 8;
  /** The most binary features: C(40, 4) = 91,390 four-feature subsets. */
  static final int MAX_BINARY = 40;
  /** Whether the loops run on {@link MomentKernels} (the same results either way). */
  private static final boolean VECTORIZED =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && MomentKernels.available();
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
  /** The most groups of one chunk (their records: up to 180 MB at 8 continuous features). */
  static final int MAX_GROUPS = 1 << 17;
  /** Pairs after which {@link #crowded} compares the number of groups with the pairs'. */
  static final int CROWDED_AFTER = 8192;
  /** Up to this many binary features the groups are found by indexing with the pattern. */
  static final int DIRECT_BINARY = 20;

  /** Whether the per-pair loops run on {@link MomentKernels}. */
  private final boolean vectorized;
  private final int featureCount;
  /** Global indices of the binary and of the continuous features, ascending. */
  private final int[] binary;
  private final int[] continuous;
  private final int c;
  /** Dense monomial counts in the c continuous features: degree 2, 3 and 4. */
  private final int l2;
  private final int l3;
  private final int l4;
  /**
   * A group's record: count, S1 (c), S2 (l2), S3 (l3), then the non-zero counts of each y_i (c).
   * The first 1 + c + l2 + l3 entries are the moments of degree 0 to 3, in that order.
   */
  private final int stride;

  /** Degree-4 sums of the continuous deltas over all pairs (quarticIndex order, local indices). */
  private final double[] q4;
  /** The number of pairs per pattern of non-zero continuous deltas (bit i: y_i != 0). */
  private final long[] nonZeroPatterns;

  private double[] groups;
  /** Per pair added: its group; its continuous deltas (pairs x c); from the scratch. */
  private int[] groupOf;
  private double[] unsorted;
  private int pairs;
  private MomentScratch scratch;
  private long[] patterns;
  private int groupCount;
  /**
   * With at most {@link #DIRECT_BINARY} binary features: pattern -> group + 1 (0 = none yet);
   * else null and the open-addressing table below.
   */
  private final int[] direct;
  /** Open addressing: pattern slot -> group + 1 (0 = empty). */
  private int[] slots;
  private long[] slotKeys;

  private GroupedMonomials(int featureCount, int[] binary, int[] continuous, boolean vectorized) {
    this.vectorized = vectorized;
    this.featureCount = featureCount;
    this.binary = binary;
    this.continuous = continuous;
    this.c = continuous.length;
    this.l2 = c * (c + 1) / 2;
    this.l3 = c * (c + 1) * (c + 2) / 6;
    this.l4 = c * (c + 1) * (c + 2) * (c + 3) / 24;
    this.stride = 1 + c + l2 + l3 + c;
    this.q4 = new double[l4];
    this.nonZeroPatterns = new long[1 << c];
    this.patterns = new long[64];
    this.direct = binary.length <= DIRECT_BINARY ? new int[1 << binary.length] : null;
    this.slots = direct == null ? new int[128] : null;
    this.slotKeys = direct == null ? new long[128] : null;
  }

  /**
   * The grouped accumulation of a chunk, or null when it does not apply: more than
   * {@link #MAX_CONTINUOUS} features take a value other than 0 and 1 in the chunk, or more than
   * {@link #MAX_BINARY} take only those.
   *
   * @param delta row-major feature distances, {@code count x featureCount}
   */
  static GroupedMonomials detect(double[] delta, int count, int featureCount) {
    boolean[] isBinary = new boolean[featureCount];
    java.util.Arrays.fill(isBinary, true);
    int binaryCount = featureCount;
    for (int r = 0, o = 0; r < count; r++) {
      for (int a = 0; a < featureCount; a++, o++) {
        double v = delta[o];
        if (isBinary[a] && v != 0.0 && v != 1.0) {
          isBinary[a] = false;
          if (--binaryCount < featureCount - MAX_CONTINUOUS) {
            return null;
          }
        }
      }
    }
    if (binaryCount > MAX_BINARY) {
      return null;
    }
    int[] binary = new int[binaryCount];
    int[] continuous = new int[featureCount - binaryCount];
    for (int a = 0, u = 0, i = 0; a < featureCount; a++) {
      if (isBinary[a]) {
        binary[u++] = a;
      } else {
        continuous[i++] = a;
      }
    }
    return new GroupedMonomials(featureCount, binary, continuous, VECTORIZED);
  }

  /**
   * Whether the pairs added so far share too few patterns for grouping to pay: more than
   * {@link #MAX_GROUPS} groups, or, after {@link #CROWDED_AFTER} pairs, more than 7 groups per 8
   * pairs (nearly every pair its own group: a group costs more than summing its pair's
   * monomials one by one when the pattern has many features, and its record takes memory).
   */
  boolean crowded() {
    return groupCount > MAX_GROUPS
        || (pairs >= CROWDED_AFTER && groupCount > pairs - pairs / 8);
  }

  /** The number of binary features (grouped on). */
  int binaryCount() {
    return binary.length;
  }

  /** A new, empty accumulation with the same binary and continuous features. */
  GroupedMonomials fresh() {
    return new GroupedMonomials(featureCount, binary, continuous, vectorized);
  }

  /** A new, empty accumulation like {@link #fresh}, on the scalar loops (for the tests). */
  GroupedMonomials scalar() {
    return new GroupedMonomials(featureCount, binary, continuous, false);
  }

  /** Whether the per-pair loops run on {@link MomentKernels} by default. */
  static boolean vectorized() {
    return VECTORIZED;
  }

  /**
   * Prepares for a chunk of pairs added in blocks ({@link #addBlock}, then {@link #finish}).
   *
   * @param capacity the most pairs the blocks will add
   * @param scratch work arrays of the calling thread, used until {@link #addTo}
   */
  void start(int capacity, MomentScratch scratch) {
    if (groupOf != null) {
      throw new IllegalStateException("a grouped accumulation takes one chunk; use fresh()");
    }
    groupOf = scratch.groupOf(capacity);
    unsorted = scratch.unsorted(capacity * c);
    this.scratch = scratch;
  }

  /**
   * Adds a block of pairs: each pair's group (by the pattern of its binary features) and its
   * continuous deltas; the moments are summed by {@link #finish}. Nothing is added when a binary
   * feature takes a value other than 0 and 1 in the block.
   *
   * @param delta row-major feature distances, {@code count x featureCount}
   * @return false when a binary feature takes another value (the block is then left out)
   */
  boolean addBlock(double[] delta, int count) {
    int nb = binary.length;
    // on the bits, without branches: 1.0 is the only 0-or-1 value with bit 61 set, so a value
    // is 0 or 1 exactly when its bits equal bit 61 times those of 1.0
    long other = 0;
    for (int r = 0, row = 0; r < count; r++, row += featureCount) {
      long pattern = 0;
      for (int u = 0; u < nb; u++) {
        long bits = Double.doubleToRawLongBits(delta[row + binary[u]]);
        long one = bits >>> 61 & 1;
        other |= bits ^ one * ONE_BITS;
        pattern |= one << u;
      }
      groupOf[pairs + r] = group(pattern);
      int to = (pairs + r) * c;
      for (int i = 0; i < c; i++) {
        unsorted[to + i] = delta[row + continuous[i]];
      }
    }
    if (other != 0) {
      return false; // its groups, if new, stay empty
    }
    pairs += count;
    return true;
  }

  /**
   * As {@link #addBlock} for pairs [from, to) whose distances are read from the stimuli's rows
   * (only the binary and continuous features' own, without writing the pairs' dense rows): the
   * same groups and continuous deltas as {@code addBlock} of those rows.
   *
   * @return false when a binary feature takes another value (the pairs are then left out)
   */
  boolean addPairs(StimulusRows rows, int[] first, int[] second, int from, int to) {
    int nb = binary.length;
    long other = 0;
    for (int p = from, r = pairs; p < to; p++, r++) {
      int i = rows.rowStart(first[p]);
      int j = rows.rowStart(second[p]);
      long pattern = 0;
      for (int u = 0; u < nb; u++) {
        long bits = Double.doubleToRawLongBits(rows.distance(i, j, binary[u]));
        long one = bits >>> 61 & 1;
        other |= bits ^ one * ONE_BITS;
        pattern |= one << u;
      }
      groupOf[r] = group(pattern);
      int at = r * c;
      for (int k = 0; k < c; k++) {
        unsorted[at + k] = rows.distance(i, j, continuous[k]);
      }
    }
    if (other != 0) {
      return false;
    }
    pairs += to - from;
    return true;
  }

  /**
   * Sums the moments of the pairs added: their continuous deltas sorted by group, then the
   * moments group by group (so a group's record stays in cache while its pairs are added).
   */
  void finish() {
    groups = scratch.groups(groupCount * stride);
    int[] next = new int[groupCount + 1];
    for (int r = 0; r < pairs; r++) {
      next[groupOf[r] + 1]++;
    }
    for (int g = 0; g < groupCount; g++) {
      next[g + 1] += next[g];
    }
    // the continuous deltas in group order; then next[g] is the end of group g's pairs
    double[] sorted = scratch.sorted(pairs * c);
    for (int r = 0; r < pairs; r++) {
      int to = next[groupOf[r]]++ * c;
      int from = r * c;
      for (int i = 0; i < c; i++) {
        sorted[to + i] = unsorted[from + i];
      }
    }
    if (vectorized) {
      MomentKernels.moments(sorted, next, groupCount, c, groups, stride, q4, nonZeroPatterns);
      return;
    }
    double[] y = new double[c];
    double[] z = new double[c];
    double[] p2 = new double[l2];
    double[] p3 = new double[l3];
    double[] s = groups;
    int at = 0;
    for (int g = 0; g < groupCount; g++) {
      int base = g * stride;
      for (; at < next[g]; at++) {
        int from = at * c;
        int nonZero = 0;
        for (int i = 0; i < c; i++) {
          double v = sorted[from + i];
          y[i] = v;
          long bits = Double.doubleToRawLongBits(v) & Long.MAX_VALUE;
          long isNonZero = (bits | -bits) >>> 63;
          z[i] = (double) isNonZero;
          nonZero |= (int) isNonZero << i;
        }
        nonZeroPatterns[nonZero]++;
        addPair(y, z, p2, p3, s, base);
      }
    }
  }

  /** Adds one pair's continuous moments to its group's record and the pattern-free sums. */
  private void addPair(double[] y, double[] z, double[] p2, double[] p3, double[] s, int base) {
    // y_j y_i (i <= j) at j(j+1)/2 + i; y_k (y_j y_i) at k(k+1)(k+2)/6 + j(j+1)/2 + i; the
    // entries of p2 with j <= k are its first (k+1)(k+2)/2, those of p3 with k <= l its first
    // (l+1)(l+2)(l+3)/6
    for (int k = 0, o = 0; k < c; k++) {
      double yk = y[k];
      for (int i = 0; i <= k; i++, o++) {
        p2[o] = yk * y[i];
      }
    }
    if (vectorized) {
      for (int k = 0, o = 0; k < c; k++) {
        int n = (k + 1) * (k + 2) / 2;
        MomentKernels.scale(y[k], p2, n, p3, o);
        o += n;
      }
      for (int l = 0, o = 0; l < c; l++) {
        int n = (l + 1) * (l + 2) * (l + 3) / 6;
        if (y[l] != 0.0) {
          MomentKernels.addScaled(y[l], p3, n, q4, o);
        }
        o += n;
      }
    } else {
      for (int k = 0, o = 0; k < c; k++) {
        double yk = y[k];
        int n = (k + 1) * (k + 2) / 2;
        for (int t = 0; t < n; t++) {
          p3[o + t] = yk * p2[t];
        }
        o += n;
      }
      for (int l = 0, o = 0; l < c; l++) {
        double yl = y[l];
        int n = (l + 1) * (l + 2) * (l + 3) / 6;
        if (yl != 0.0) {
          for (int t = 0; t < n; t++) {
            q4[o + t] += yl * p3[t];
          }
        }
        o += n;
      }
    }
    s[base] += 1.0;
    int o = base + 1;
    for (int i = 0; i < c; i++) {
      s[o + i] += y[i];
    }
    o += c;
    addRecord(p2, 0, s, o, l2);
    o += l2;
    addRecord(p3, 0, s, o, l3);
    o += l3;
    for (int i = 0; i < c; i++) {
      s[o + i] += z[i];
    }
  }

  /** The group of a pattern, created when new. */
  private int group(long pattern) {
    if (direct != null) {
      int g = direct[(int) pattern] - 1;
      if (g < 0) {
        g = newGroup(pattern);
        direct[(int) pattern] = g + 1;
      }
      return g;
    }
    int mask = slots.length - 1;
    int h = (int) mix(pattern) & mask;
    while (true) {
      int s = slots[h];
      if (s == 0) {
        break;
      }
      if (slotKeys[h] == pattern) {
        return s - 1;
      }
      h = (h + 1) & mask;
    }
    int g = newGroup(pattern);
    slots[h] = g + 1;
    slotKeys[h] = pattern;
    if (2 * groupCount > slots.length) {
      rehash();
    }
    return g;
  }

  private int newGroup(long pattern) {
    int g = groupCount++;
    if (g == patterns.length) {
      patterns = java.util.Arrays.copyOf(patterns, 2 * g);
    }
    patterns[g] = pattern;
    return g;
  }

  private void rehash() {
    int[] s = new int[2 * slots.length];
    long[] k = new long[s.length];
    int mask = s.length - 1;
    for (int g = 0; g < groupCount; g++) {
      int h = (int) mix(patterns[g]) & mask;
      while (s[h] != 0) {
        h = (h + 1) & mask;
      }
      s[h] = g + 1;
      k[h] = patterns[g];
    }
    slots = s;
    slotKeys = k;
  }

  private static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  /** The number of groups (distinct binary patterns) of the chunk so far. */
  int groupCount() {
    return groupCount;
  }

  /**
   * Adds the chunk's sums to a {@link TermMoments}' arrays.
   *
   * @param quartic the degree-4 monomial sums at {@link TermMoments#quarticIndex}
   * @param sum the term sums (PhiExpansion order)
   * @param nonZeroCount the terms' non-zero counts
   */
  void addTo(double[] quartic, double[] sum, long[] nonZeroCount) {
    int nb = binary.length;
    // per subset size k (0 to 4) of the binary features: per subset (combinatorial rank), the
    // sums of the moments of degree 0 to min(3, 4 - k) of the groups whose pattern contains it
    int[] record = new int[5];
    double[][] bySubset = new double[5][];
    int[] degreeStart = {0, 1, 1 + c, 1 + c + l2, 1 + c + l2 + l3};
    for (int k = 0; k <= 4; k++) {
      record[k] = degreeStart[Math.min(3, 4 - k) + 1];
      bySubset[k] = new double[(int) binomial(nb, k) * record[k]];
    }
    double[] nonZeroWith = new double[nb * c];
    Subsets subsets = new Subsets(nb, bySubset, record, nonZeroWith, 1 + c + l2 + l3, c);
    int[] bits = new int[nb];
    double[] s = groups;
    if (direct == null) {
      for (int g = 0; g < groupCount; g++) {
        int base = g * stride;
        addRecord(s, base, bySubset[0], 0, record[0]);
        subsets.add(s, base, bits, bitsOf(patterns[g], 0, bits), nb, false);
      }
    } else {
      // the binary features in two halves: the groups' records summed by the pattern of each
      // half; a subset within one half is read from those sums, only a subset spanning both
      // from each group
      int h = (nb + 1) / 2;
      long lowMask = (1L << h) - 1;
      double[] byLow = new double[(1 << h) * stride];
      double[] byHigh = new double[(1 << (nb - h)) * stride];
      for (int g = 0; g < groupCount; g++) {
        int base = g * stride;
        long pattern = patterns[g];
        addRecord(s, base, byLow, (int) (pattern & lowMask) * stride, stride);
        addRecord(s, base, byHigh, (int) (pattern >>> h) * stride, stride);
        if ((pattern & lowMask) != 0 && (pattern >>> h) != 0) {
          subsets.add(s, base, bits, bitsOf(pattern, 0, bits), h, true);
        }
      }
      for (int v = 0; v < 1 << h; v++) {
        if (byLow[v * stride] != 0.0) {
          addRecord(byLow, v * stride, bySubset[0], 0, record[0]);
          subsets.add(byLow, v * stride, bits, bitsOf(v, 0, bits), nb, false);
        }
      }
      for (int v = 0; v < 1 << (nb - h); v++) {
        if (byHigh[v * stride] != 0.0) {
          subsets.add(byHigh, v * stride, bits, bitsOf(v, h, bits), nb, false);
        }
      }
    }

    // local index of each feature: binary (>= 0) or continuous (-1 - i)
    int[] local = new int[featureCount];
    for (int u = 0; u < nb; u++) {
      local[binary[u]] = u;
    }
    for (int i = 0; i < c; i++) {
      local[continuous[i]] = -1 - i;
    }
    int[] f = new int[4];
    for (int d = 0; d < featureCount; d++) {
      f[3] = d;
      for (int cc = 0; cc <= d; cc++) {
        f[2] = cc;
        for (int b = 0; b <= cc; b++) {
          f[1] = b;
          for (int a = 0; a <= b; a++) {
            f[0] = a;
            quartic[TermMoments.quarticIndex(a, b, cc, d)] +=
                monomial(f, 4, local, bySubset, record, degreeStart);
          }
        }
      }
    }
    // the pairs in which y_i and y_j are both non-zero (i <= j at j(j+1)/2 + i)
    long[] z2 = new long[l2];
    for (int pattern = 0; pattern < nonZeroPatterns.length; pattern++) {
      long n = nonZeroPatterns[pattern];
      for (int j = 0, o = 0; j < c; j++) {
        for (int i = 0; i <= j; i++, o++) {
          if ((pattern >>> i & pattern >>> j & 1) != 0) {
            z2[o] += n;
          }
        }
      }
    }
    // the terms delta_a delta_b (a >= b; times 2 when a != b) and their non-zero counts
    int[] two = new int[2];
    for (int a = 0, t = 0; a < featureCount; a++) {
      for (int b = 0; b <= a; b++, t++) {
        two[0] = b;
        two[1] = a;
        double v = monomial(two, 2, local, bySubset, record, degreeStart);
        sum[t] += a == b ? v : 2.0 * v;
        int la = local[a];
        int lb = local[b];
        double nonZero;
        if (la >= 0 && lb >= 0) {
          nonZero = v; // a count: the pairs in which both differ
        } else if (la >= 0 || lb >= 0) {
          int u = Math.max(la, lb);
          int i = -1 - Math.min(la, lb);
          nonZero = nonZeroWith[u * c + i];
        } else {
          int i = -1 - lb;
          int j = -1 - la; // b <= a, so i <= j
          nonZero = z2[j * (j + 1) / 2 + i];
        }
        nonZeroCount[t] += Math.round(nonZero);
      }
    }
  }

  /**
   * The sum of the monomial of features f[0] &lt;= ... &lt;= f[n-1]: its distinct binary features
   * U and its continuous multiset J select the degree-|J| moment J of U's subset sums.
   */
  private double monomial(int[] f, int n, int[] local, double[][] bySubset, int[] record,
      int[] degreeStart) {
    int k = 0;
    int rank = 0;
    int degree = 0;
    int j = 0;
    int previous = -1;
    for (int t = 0; t < n; t++) {
      int l = local[f[t]];
      if (l >= 0) {
        if (l != previous) {
          k++;
          rank += (int) binomial(l, k);
          previous = l;
        }
      } else {
        int i = -1 - l;
        degree++;
        j += (int) binomial(i + degree - 1, degree);
      }
    }
    if (degree == 4) {
      return q4[j];
    }
    return bySubset[k][rank * record[k] + degreeStart[degree] + j];
  }

  /** Writes the set bits of a pattern, plus an offset, ascending; returns their number. */
  private static int bitsOf(long pattern, int offset, int[] bits) {
    int m = 0;
    for (long p = pattern; p != 0; p &= p - 1) {
      bits[m++] = offset + Long.numberOfTrailingZeros(p);
    }
    return m;
  }

  /** Adds a record of moments to the sums of the non-empty subsets of its binary features. */
  private static final class Subsets {
    private final double[][] bySubset;
    private final int[] record;
    private final double[] nonZeroWith;
    private final int nonZeroAt;
    private final int c;
    private final int[] choose2;
    private final int[] choose3;
    private final int[] choose4;

    Subsets(int nb, double[][] bySubset, int[] record, double[] nonZeroWith, int nonZeroAt,
        int c) {
      this.bySubset = bySubset;
      this.record = record;
      this.nonZeroWith = nonZeroWith;
      this.nonZeroAt = nonZeroAt;
      this.c = c;
      choose2 = new int[nb];
      choose3 = new int[nb];
      choose4 = new int[nb];
      for (int u = 0; u < nb; u++) {
        choose2[u] = (int) binomial(u, 2);
        choose3[u] = (int) binomial(u, 3);
        choose4[u] = (int) binomial(u, 4);
      }
    }

    /**
     * Adds the record at {@code base} of {@code s} to every subset of 1 to 4 of the m features
     * in {@code bits} (ascending); with {@code spanning}, only to the subsets with a feature
     * below {@code h} and one at or above it.
     */
    void add(double[] s, int base, int[] bits, int m, int h, boolean spanning) {
      double[] one = bySubset[1];
      double[] two = bySubset[2];
      double[] three = bySubset[3];
      double[] four = bySubset[4];
      int rec1 = record[1];
      int rec2 = record[2];
      int rec3 = record[3];
      for (int i1 = 0; i1 < m; i1++) {
        int u1 = bits[i1];
        if (spanning && u1 >= h) {
          break;
        }
        if (!spanning) {
          addRecord(s, base, one, u1 * rec1, rec1);
          addRecord(s, base + nonZeroAt, nonZeroWith, u1 * c, c);
        }
        for (int i2 = i1 + 1; i2 < m; i2++) {
          int u2 = bits[i2];
          int r2 = u1 + choose2[u2];
          if (!spanning || u2 >= h) {
            addRecord(s, base, two, r2 * rec2, rec2);
          }
          for (int i3 = i2 + 1; i3 < m; i3++) {
            int u3 = bits[i3];
            int r3 = r2 + choose3[u3];
            if (!spanning || u3 >= h) {
              addRecord(s, base, three, r3 * rec3, rec3);
            }
            for (int i4 = i3 + 1; i4 < m; i4++) {
              int u4 = bits[i4];
              if (!spanning || u4 >= h) {
                four[r3 + choose4[u4]] += s[base];
              }
            }
          }
        }
      }
    }
  }

  private static void addRecord(double[] s, int from, double[] to, int at, int length) {
    if (VECTORIZED) {
      MomentKernels.add(s, from, to, at, length);
      return;
    }
    for (int t = 0; t < length; t++) {
      to[at + t] += s[from + t];
    }
  }

  /** C(n, k) for small k, 0 when n &lt; k. */
  private static long binomial(int n, int k) {
    if (n < k) {
      return 0;
    }
    long r = 1;
    for (int i = 0; i < k; i++) {
      r = r * (n - i) / (i + 1);
    }
    return r;
  }
}
