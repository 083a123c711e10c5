package org.mlem.core.pairs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits of n stimuli into training and held-out test stimuli (docs/method.md section 5): a single
 * train/test split (default 80/20), k-fold cross-validation (paper: 5 folds), or no split. The
 * stimuli are shuffled by {@link SeededPermutation} from the seed, so a split is a pure function of
 * (n, parameters, seed). Train pairs never touch test stimuli because the pair sampler only sees
 * the training indices.
 */
public final class Splits {
  /** Position tag mixed with the seed so splits do not reuse other draws of the same seed. */
  private static final long SPLIT_TAG = 0x53504C4954L;

  private Splits() {}

  /**
   * A random train/test split.
   *
   * @param n the number of stimuli
   * @param testFraction the fraction held out, in (0, 1); test size = round(n * testFraction)
   * @param seed the run seed
   * @return the split, each side with at least 2 stimuli
   * @throws IllegalArgumentException if the fraction is out of range or a side would have fewer
   *     than 2 stimuli
   */
  public static StimulusSplit trainTest(int n, double testFraction, long seed) {
    if (!(testFraction > 0.0 && testFraction < 1.0)) {
      throw new IllegalArgumentException(
          "test fraction must be in (0, 1), found " + testFraction);
    }
    long testSize = Math.round(n * testFraction);
    if (n < 4 || testSize < 2 || n - testSize < 2) {
      throw new IllegalArgumentException(
          "train/test split of n = "
              + n
              + " stimuli with test fraction "
              + testFraction
              + " gives "
              + testSize
              + " test and "
              + (n - testSize)
              + " training stimuli; each side needs at least 2");
    }
    int[] order = SeededPermutation.of(n, PositionalRandom.mix(seed, SPLIT_TAG));
    int[] test = Arrays.copyOfRange(order, 0, (int) testSize);
    int[] train = Arrays.copyOfRange(order, (int) testSize, n);
    Arrays.sort(test);
    Arrays.sort(train);
    return new StimulusSplit(train, test);
  }

  /**
   * K-fold cross-validation over stimuli: each stimulus is in exactly one test fold; fold sizes
   * differ by at most one; a fold's training stimuli are all the others.
   *
   * @param n the number of stimuli
   * @param folds the number of folds, in [2, n / 2] (so every test fold has at least 2 stimuli)
   * @param seed the run seed
   * @return the folds, in order
   * @throws IllegalArgumentException if folds is out of range
   */
  public static List<StimulusSplit> kFold(int n, int folds, long seed) {
    if (folds < 2 || folds > n / 2) {
      throw new IllegalArgumentException(
          "folds must be in [2, n / 2] = [2, " + (n / 2) + "] for n = " + n + ", found " + folds);
    }
    int[] order = SeededPermutation.of(n, PositionalRandom.mix(seed, SPLIT_TAG));
    List<StimulusSplit> result = new ArrayList<>(folds);
    for (int f = 0; f < folds; f++) {
      int from = (int) ((long) f * n / folds);
      int to = (int) ((long) (f + 1) * n / folds);
      int[] test = Arrays.copyOfRange(order, from, to);
      int[] train = new int[n - (to - from)];
      System.arraycopy(order, 0, train, 0, from);
      System.arraycopy(order, to, train, from, n - to);
      Arrays.sort(test);
      Arrays.sort(train);
      result.add(new StimulusSplit(train, test));
    }
    return List.copyOf(result);
  }

  /**
   * The split with its training stimuli subsampled to {@code size} (sample efficiency,
   * docs/method.md section 5): a uniformly random subset drawn by {@link SeededPermutation} from
   * the hash, the test stimuli untouched, so every size shares the same test stimuli. A size
   * equal to the training count returns the split itself.
   *
   * @param split the split
   * @param size training stimuli kept, in [2, train count]
   * @param hash the source of randomness (the run seed mixed with the fold's position)
   * @return the split with the subset as training stimuli (sorted)
   * @throws IllegalArgumentException if size is out of range
   */
  public static StimulusSplit subsampleTrain(StimulusSplit split, int size, long hash) {
    int available = split.train().length;
    if (size < 2 || size > available) {
      throw new IllegalArgumentException("train size must be in [2, " + available + "] (the "
          + "training stimuli of the split), found " + size);
    }
    if (size == available) {
      return split;
    }
    int[] order = SeededPermutation.of(available, PositionalRandom.mix(hash, SPLIT_TAG));
    int[] kept = new int[size];
    for (int i = 0; i < size; i++) {
      kept[i] = split.train()[order[i]];
    }
    Arrays.sort(kept);
    return new StimulusSplit(kept, split.test());
  }

  /**
   * No held-out evaluation: train = test = every stimulus. Used when the caller asks for no split
   * (e.g. fitting the final model on all data); a "test" score on this split is a training score,
   * not an encoding performance.
   *
   * @param n the number of stimuli, &gt;= 2
   * @return the split with both sides 0..n-1 (two distinct arrays)
   * @throws IllegalArgumentException if n &lt; 2
   */
  public static StimulusSplit all(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 stimuli, found " + n);
    }
    int[] train = new int[n];
    for (int i = 0; i < n; i++) {
      train[i] = i;
    }
    return new StimulusSplit(train, train.clone());
  }
}
