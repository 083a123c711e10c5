package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.GradientCheck;

class SoftSpearmanTest {

  private static double[][] correlatedPair(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] s = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = random.nextDouble() * 2;
      t[i] = s[i] * s[i] + 0.5 * random.nextGaussian();
    }
    return new double[][] {s, t};
  }

  private static double populationStd(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / v.length);
  }

  @Test
  void precomputedTargetRanksGiveExactlyTheSameScore() {
    SplittableRandom random = new SplittableRandom(3);
    double[] s = random.doubles(200, 0, 1).toArray();
    double[] t = random.doubles(200, 0, 1).toArray();
    for (SoftRankStrength strength :
        new SoftRankStrength[] {SoftRankStrength.absolute(1.0), SoftRankStrength.relative(1.0)}) {
      double[] ranks = SoftRank.compute(t, strength.resolve(t)).ranks();
      assertEquals(SoftSpearman.value(s, t, strength),
          SoftSpearman.valueAgainstRanks(s, strength, ranks), 0.0, strength.toString());
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesWithAbsoluteLikeStrength() {
    double[][] st = correlatedPair(1, 50);
    double[] grad = new double[50];
    SoftSpearman.valueAndGradient(st[0], st[1], 1.0, 1.0, grad);
    GradientCheck.assertMatches(
        s -> SoftSpearman.valueAndGradient(s, st[1], 1.0, 1.0, new double[50]), st[0], grad);
  }

  @Test
  void gradientMatchesFiniteDifferencesWithRelativeLikeStrength() {
    // eps ~ std / B: soft ranks close to the hard ranks, most PAV blocks are singletons.
    double[][] st = correlatedPair(2, 50);
    double epsS = populationStd(st[0]) / 50;
    double epsT = populationStd(st[1]) / 50;
    double[] grad = new double[50];
    SoftSpearman.valueAndGradient(st[0], st[1], epsS, epsT, grad);
    double norm = 0;
    for (double g : grad) {
      norm += g * g;
    }
    assertTrue(norm > 1e-6, "gradient should not vanish, |g|^2 = " + norm);
    GradientCheck.assertMatches(
        s -> SoftSpearman.valueAndGradient(s, st[1], epsS, epsT, new double[50]), st[0], grad,
        1e-7, 1e-5);
  }

  @Test
  void strengthVariantsAgreeWithTheExplicitOne() {
    double[][] st = correlatedPair(3, 64);
    SoftRankStrength relative = SoftRankStrength.relative(1.0);
    double[] gradRel = new double[64];
    double[] gradExplicit = new double[64];
    double score = SoftSpearman.valueAndGradient(st[0], st[1], relative, gradRel);
    double explicit = SoftSpearman.valueAndGradient(
        st[0], st[1], relative.resolve(st[0]), relative.resolve(st[1]), gradExplicit);
    assertEquals(explicit, score, 0.0);
    assertArrayEquals(gradExplicit, gradRel, 0.0);
    assertEquals(score, SoftSpearman.value(st[0], st[1], relative), 0.0);
    double[] gradAbs = new double[64];
    double abs = SoftSpearman.valueAndGradient(st[0], st[1], SoftRankStrength.absolute(1.0), gradAbs);
    assertEquals(SoftSpearman.value(st[0], st[1], SoftRankStrength.absolute(1.0)), abs, 0.0);
  }

  @Test
  void smallStrengthApproachesExactSpearman() {
    double[][] st = correlatedPair(4, 200);
    double exact = Spearman.exact(st[0], st[1]);
    double soft = SoftSpearman.value(st[0], st[1], SoftRankStrength.absolute(1e-9));
    assertEquals(exact, soft, 1e-6);
    // And with eps = 1 on values of order 1 it is far from the ranks (nearly Pearson), a sanity
    // check that the strength matters.
    double loose = SoftSpearman.value(st[0], st[1], SoftRankStrength.absolute(1.0));
    assertEquals(Correlation.pearson(st[0], st[1]), loose, 0.05);
  }

  @Test
  void constantSoftRanksAreAnArithmeticError() {
    double[] s = {1, 1, 1, 1};
    double[] t = {1, 2, 3, 4};
    ArithmeticException e = assertThrows(
        ArithmeticException.class, () -> SoftSpearman.valueAndGradient(s, t, 1.0, 1.0, new double[4]));
    assertTrue(e.getMessage().startsWith("soft Spearman undefined: the soft ranks of s are constant"),
        e.getMessage());
    e = assertThrows(ArithmeticException.class,
        () -> SoftSpearman.valueAndGradient(t, new double[] {1, 2, 3, 4}, 1.0, 1e20, new double[4]));
    assertTrue(e.getMessage().contains("soft ranks of t are constant"), e.getMessage());
  }

  @Test
  void callerMistakesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SoftSpearman.valueAndGradient(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 1.0, 1.0,
            new double[2]));
    assertEquals("gradS must have length 3 (the batch size), found 2", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SoftSpearman.value(new double[] {1, 2}, new double[] {1, 2, 3}, SoftRankStrength.absolute(1)));
    assertThrows(IllegalArgumentException.class,
        () -> SoftSpearman.value(new double[] {1, 2}, new double[] {1, 2}, null));
  }

  /** Ranks in workspaces and a given work array give the bits of the allocating path. */
  @Test
  void ranksInWorkspacesGiveTheBitsOfTheAllocatingPath() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    int n = 3000;
    double[] s = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = random.nextGaussian();
      t[i] = s[i] + random.nextGaussian();
    }
    double[] expected = new double[n];
    double score = SoftSpearman.valueAndGradient(s, t, 0.01, 0.02, expected);
    SoftRank.Workspace ws = new SoftRank.Workspace();
    SoftRank.Workspace wt = new SoftRank.Workspace();
    double[] gradS = new double[n];
    double[] work = new double[n];
    double again = SoftSpearman.valueAndGradient(SoftRank.compute(s, 0.01, ws),
        SoftRank.compute(t, 0.02, wt), gradS, work);
    org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToRawLongBits(score),
        Double.doubleToRawLongBits(again));
    for (int i = 0; i < n; i++) {
      org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToRawLongBits(expected[i]),
          Double.doubleToRawLongBits(gradS[i]), "gradient " + i);
    }
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SoftSpearman.valueAndGradient(SoftRank.compute(s, 0.01, ws),
            SoftRank.compute(t, 0.02, wt), gradS, gradS));
  }
}
