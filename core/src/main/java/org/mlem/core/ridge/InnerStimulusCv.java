package org.mlem.core.ridge;

import java.util.Arrays;
import java.util.List;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;

/**
 * Chooses FR-RSA's fraction by cross-validation over stimulus-disjoint folds of the training
 * stimuli (Kaniuth and Hebart 2022) and refits on every training pair. The training stimuli are
 * split into K folds ({@link Splits#kFold} seeded with {@code mix(seed, FOLD_STREAM)}); in fold k
 * the pairs whose two stimuli are both outside fold k fit the design's standardization and the
 * ridge path, and the pairs whose two stimuli are both in fold k score each fraction (pairs
 * straddling the two sides are unused). The chosen fraction has the largest mean score over the
 * folds whose score is defined (the first, i.e. the smallest, on ties); when no fold gives a
 * defined score the fraction is 1 (OLS). Then the design is standardized on all the pairs and
 * refitted with that fraction.
 */
public final class InnerStimulusCv {
  /** Default number of inner folds. */
  public static final int DEFAULT_FOLDS = 5;
  private static final long FOLD_STREAM = 0x1AAE_CF01DL;

  private InnerStimulusCv() {}

  /**
   * The training pairs of a fit.
   *
   * @param first the first stimulus of each pair (global index)
   * @param second the second stimulus of each pair
   * @param delta pairs x F feature distances, row-major
   * @param featureCount F
   * @param neural the pairs' neural distances
   */
  public record Pairs(int[] first, int[] second, double[] delta, int featureCount,
      double[] neural) {
    /** Checks the lengths. */
    public Pairs {
      if (first.length != second.length || first.length != neural.length
          || delta.length != (long) first.length * featureCount) {
        throw new IllegalArgumentException("inconsistent pair arrays: " + first.length + ", "
            + second.length + " stimuli, " + neural.length + " distances, " + delta.length
            + " feature distances for " + featureCount + " features");
      }
    }

    /** The number of pairs. */
    public int size() {
      return neural.length;
    }

    Pairs select(boolean[] keep) {
      int count = 0;
      for (boolean k : keep) {
        count += k ? 1 : 0;
      }
      int[] f = new int[count];
      int[] s = new int[count];
      double[] d = new double[count * featureCount];
      double[] y = new double[count];
      int j = 0;
      for (int r = 0; r < keep.length; r++) {
        if (keep[r]) {
          f[j] = first[r];
          s[j] = second[r];
          y[j] = neural[r];
          System.arraycopy(delta, r * featureCount, d, j * featureCount, featureCount);
          j++;
        }
      }
      return new Pairs(f, s, d, featureCount, y);
    }
  }

  /**
   * The outcome: the chosen fraction's solution on the standardized design of all pairs.
   *
   * @param design the standardization of the training pairs
   * @param solution the refitted solution (its alpha is on that design)
   * @param fractions the grid searched
   * @param meanScores the mean inner-fold score of each fraction (NaN when undefined in every
   *     fold)
   */
  public record Result(RdmDesign design, RidgeSolution solution, double[] fractions,
      double[] meanScores) {
    /** Copies the arrays. */
    public Result {
      fractions = fractions.clone();
      meanScores = meanScores.clone();
    }

    @Override
    public double[] fractions() {
      return fractions.clone();
    }

    @Override
    public double[] meanScores() {
      return meanScores.clone();
    }
  }

  /**
   * Runs the inner cross-validation and the refit.
   *
   * @param stimuli the training stimuli (global indices; every pair's stimuli are among them)
   * @param pairs the training pairs
   * @param interactions whether the design has the product columns
   * @param folds K, in [2, stimuli / 2]
   * @param fractions the grid, each in [0, 1]
   * @param scoring how a fraction is scored on held-out pairs
   * @param seed the fit's seed
   * @return the chosen solution
   */
  public static Result fit(int[] stimuli, Pairs pairs, boolean interactions, int folds,
      double[] fractions, RidgeScoring scoring, long seed) {
    if (fractions.length == 0) {
      throw new IllegalArgumentException("the fraction grid must not be empty");
    }
    for (double f : fractions) {
      FractionalRidge.checkFraction(f);
    }
    int maxIndex = 0;
    for (int s : stimuli) {
      maxIndex = Math.max(maxIndex, s);
    }
    int[] position = new int[maxIndex + 1];
    Arrays.fill(position, -1);
    for (int i = 0; i < stimuli.length; i++) {
      position[stimuli[i]] = i;
    }
    int[] foldOf = new int[stimuli.length];
    List<StimulusSplit> splits =
        Splits.kFold(stimuli.length, folds, PositionalRandom.mix(seed, FOLD_STREAM));
    for (int k = 0; k < splits.size(); k++) {
      for (int local : splits.get(k).test()) {
        foldOf[local] = k;
      }
    }
    int n = pairs.size();
    int f = pairs.featureCount();
    double[] sums = new double[fractions.length];
    int[] counts = new int[fractions.length];
    for (int k = 0; k < splits.size(); k++) {
      boolean[] train = new boolean[n];
      boolean[] test = new boolean[n];
      for (int r = 0; r < n; r++) {
        int a = foldOf[localOf(position, pairs.first()[r])];
        int b = foldOf[localOf(position, pairs.second()[r])];
        train[r] = a != k && b != k;
        test[r] = a == k && b == k;
      }
      Pairs inner = pairs.select(train);
      Pairs held = pairs.select(test);
      if (inner.size() < 2 || held.size() < 2) {
        continue;
      }
      RdmDesign design = RdmDesign.fit(inner.delta(), inner.size(), f, interactions);
      FractionalRidge ridge = FractionalRidge.fit(design.apply(inner.delta(), inner.size()),
          inner.size(), design.columns(), inner.neural());
      double[] heldX = design.apply(held.delta(), held.size());
      for (int g = 0; g < fractions.length; g++) {
        double score = scoring.score(
            ridge.solve(fractions[g]).predict(heldX, held.size()), held.neural());
        if (!Double.isNaN(score)) {
          sums[g] += score;
          counts[g]++;
        }
      }
    }
    double[] means = new double[fractions.length];
    int best = -1;
    for (int g = 0; g < fractions.length; g++) {
      means[g] = counts[g] == 0 ? Double.NaN : sums[g] / counts[g];
      if (!Double.isNaN(means[g]) && (best < 0 || means[g] > means[best])) {
        best = g;
      }
    }
    double chosen = best < 0 ? 1.0 : fractions[best];
    RdmDesign design = RdmDesign.fit(pairs.delta(), n, f, interactions);
    RidgeSolution solution = FractionalRidge.fit(design.apply(pairs.delta(), n), n,
        design.columns(), pairs.neural()).solve(chosen);
    return new Result(design, solution, fractions, means);
  }

  private static int localOf(int[] position, int stimulus) {
    int local = stimulus < position.length ? position[stimulus] : -1;
    if (local < 0) {
      throw new IllegalArgumentException(
          "pair stimulus " + stimulus + " is not among the training stimuli");
    }
    return local;
  }

  /** The fraction grid of the frrsa package, 0.05, 0.10, ..., 1.00 (a new array). */
  public static double[] defaultFractions() {
    double[] grid = new double[20];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = (i + 1) / 20.0;
    }
    return grid;
  }
}
