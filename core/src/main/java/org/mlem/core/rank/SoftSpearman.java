package org.mlem.core.rank;

/**
 * The MLEM training objective (docs/method.md section 4): a differentiable surrogate of the Spearman
 * correlation between predicted distances s and target distances t over a batch of B pairs,
 *
 * <pre>  score = pearson(softrank_epsS(s) / B, softrank_epsT(t) / B)</pre>
 *
 * with {@link SoftRank} (Blondel et al. 2020). Training maximizes it. The gradient with respect to
 * s is written by hand: the Pearson gradient with respect to the scaled soft ranks, divided by B,
 * pulled back through {@link SoftRank#vjp(double[])}. t is a constant (no gradient), and so are the
 * strengths, also when {@link SoftRankStrength.Mode#RELATIVE} derives them from s and t.
 */
public final class SoftSpearman {
  private SoftSpearman() {}

  /**
   * The score, without gradient.
   *
   * @param s predicted distances, length B >= 2, finite
   * @param t target distances, length B, finite
   * @param strength how eps is chosen, resolved separately for s and for t
   * @return the score in [-1, 1]
   * @throws IllegalArgumentException on null, mismatched, too short or non-finite inputs
   * @throws ArithmeticException if the soft ranks of s or of t are constant, or a relative strength
   *     is undefined (constant values)
   */
  public static double value(double[] s, double[] t, SoftRankStrength strength) {
    requireStrength(strength);
    VectorChecks.requireSameLength("s", s, "t", t, 2);
    SoftRank rs = SoftRank.compute(s, strength.resolve(s));
    SoftRank rt = SoftRank.compute(t, strength.resolve(t));
    return score(rs.ranksView(), rt.ranksView(), null);
  }

  /**
   * The score of {@code s} against targets whose soft ranks were computed once (a fixed batch
   * scored at every step): equal to {@link #value} with those targets.
   *
   * @param s predicted distances, length B >= 2, finite
   * @param strength how eps is chosen for s
   * @param targetRanks {@code SoftRank.compute(t, strength.resolve(t)).ranks()}, length B
   * @throws ArithmeticException if the soft ranks of s or the target ranks are constant
   */
  public static double valueAgainstRanks(
      double[] s, SoftRankStrength strength, double[] targetRanks) {
    return valueAgainstRanks(s, strength, targetRanks, new SoftRank.Workspace());
  }

  /**
   * As {@link #valueAgainstRanks(double[], SoftRankStrength, double[])}, the soft ranks of s
   * computed in {@code workspace} (same bits).
   */
  public static double valueAgainstRanks(double[] s, SoftRankStrength strength,
      double[] targetRanks, SoftRank.Workspace workspace) {
    requireStrength(strength);
    VectorChecks.requireSameLength("s", s, "targetRanks", targetRanks, 2);
    SoftRank rs = SoftRank.compute(s, strength.resolve(s), workspace);
    return score(rs.ranksView(), targetRanks, null);
  }

  /**
   * The score and its gradient with respect to s, with the strength chosen by {@code strength}
   * (resolved separately for s and for t, then treated as constants: this calls
   * {@link #valueAndGradient(double[], double[], double, double, double[])}).
   *
   * @param s predicted distances, length B >= 2, finite
   * @param t target distances, length B, finite
   * @param strength how eps is chosen
   * @param gradS output, length B: d score / d s
   * @return the score in [-1, 1]
   * @throws IllegalArgumentException on null, mismatched, too short or non-finite inputs
   * @throws ArithmeticException if the soft ranks of s or of t are constant, or a relative strength
   *     is undefined (constant values)
   */
  public static double valueAndGradient(
      double[] s, double[] t, SoftRankStrength strength, double[] gradS) {
    requireStrength(strength);
    VectorChecks.requireSameLength("s", s, "t", t, 2);
    return valueAndGradient(s, t, strength.resolve(s), strength.resolve(t), gradS);
  }

  /**
   * The score and its gradient with respect to s, with explicit strengths.
   *
   * @param s predicted distances, length B >= 2, finite
   * @param t target distances, length B, finite
   * @param epsS soft-rank strength for s, finite and > 0
   * @param epsT soft-rank strength for t, finite and > 0
   * @param gradS output, length B: d score / d s (may be the array {@code s} itself, which is read
   *     before being overwritten)
   * @return the score in [-1, 1]
   * @throws IllegalArgumentException on null, mismatched, too short or non-finite inputs, or
   *     invalid strengths
   * @throws ArithmeticException if the soft ranks of s or of t are constant
   */
  public static double valueAndGradient(
      double[] s, double[] t, double epsS, double epsT, double[] gradS) {
    VectorChecks.requireSameLength("s", s, "t", t, 2);
    VectorChecks.requireNonNull("gradS", gradS);
    if (gradS.length != s.length) {
      throw new IllegalArgumentException(
          "gradS must have length " + s.length + " (the batch size), found " + gradS.length);
    }
    SoftRank rs = SoftRank.compute(s, epsS);
    SoftRank rt = SoftRank.compute(t, epsT);
    double[] cotangent = new double[s.length];
    double score = score(rs.ranksView(), rt.ranksView(), cotangent);
    rs.vjpInto(cotangent, gradS);
    return score;
  }

  /**
   * The score and its gradient from soft ranks computed by the caller (e.g. those of s and of t
   * on two threads): equal to {@link #valueAndGradient(double[], double[], double, double,
   * double[])} with the ranks' inputs and strengths.
   *
   * @param rs {@code SoftRank.compute(s, epsS)}
   * @param rt {@code SoftRank.compute(t, epsT)}, of the same size
   * @param gradS output, length B: d score / d s
   * @throws ArithmeticException if either soft ranks are constant
   */
  public static double valueAndGradient(SoftRank rs, SoftRank rt, double[] gradS) {
    return valueAndGradient(rs, rt, gradS, new double[rs.size()]);
  }

  /**
   * As {@link #valueAndGradient(SoftRank, SoftRank, double[])}, with d score / d rs written into
   * {@code cotangent} (a work array of the same size, not {@code gradS}) instead of a new array.
   */
  public static double valueAndGradient(SoftRank rs, SoftRank rt, double[] gradS,
      double[] cotangent) {
    if (rs.size() != rt.size() || gradS.length != rs.size() || cotangent.length != rs.size()) {
      throw new IllegalArgumentException("soft ranks of " + rs.size() + " and " + rt.size()
          + " values, a gradient of " + gradS.length + " and a work array of "
          + cotangent.length + " must have one size");
    }
    if (cotangent == gradS) {
      throw new IllegalArgumentException("the work array must not be the gradient");
    }
    double score = score(rs.ranksView(), rt.ranksView(), cotangent);
    rs.vjpInto(cotangent, gradS);
    return score;
  }

  /**
   * Pearson correlation of rs / B and rt / B; if {@code cotangent} is not null, also writes
   * d score / d rs into it.
   */
  private static double score(double[] rs, double[] rt, double[] cotangent) {
    int n = rs.length;
    requireNotConstant("s", rs);
    requireNotConstant("t", rt);
    double invB = 1.0 / n;
    double sa = 0;
    double sb = 0;
    for (int i = 0; i < n; i++) {
      sa += rs[i] * invB;
      sb += rt[i] * invB;
    }
    double ma = sa / n;
    double mb = sb / n;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    for (int i = 0; i < n; i++) {
      double da = rs[i] * invB - ma;
      double db = rt[i] * invB - mb;
      saa += da * da;
      sbb += db * db;
      sab += da * db;
    }
    if (!(saa > 0) || !(sbb > 0)) {
      throw new ArithmeticException(
          "soft Spearman undefined: centred soft ranks have zero variance (s: " + saa + ", t: "
              + sbb + ") over " + n + " values");
    }
    double na = Math.sqrt(saa);
    double nb = Math.sqrt(sbb);
    double r = sab / (na * nb);
    if (cotangent != null) {
      // d r / d a_i = db_i / (|da| |db|) - r da_i / |da|^2, and d a_i / d rs_i = 1 / B.
      double c1 = invB / (na * nb);
      double c2 = invB * r / saa;
      for (int i = 0; i < n; i++) {
        double da = rs[i] * invB - ma;
        double db = rt[i] * invB - mb;
        cotangent[i] = c1 * db - c2 * da;
      }
    }
    return Math.max(-1.0, Math.min(1.0, r));
  }

  private static void requireNotConstant(String name, double[] ranks) {
    if (VectorChecks.isConstant(ranks)) {
      throw new ArithmeticException(
          "soft Spearman undefined: the soft ranks of " + name + " are constant (all " + ranks[0]
              + ") over its " + ranks.length + " values; " + name
              + " is constant, or its soft-rank strength is so large that the soft ranks round to a"
              + " constant");
    }
  }

  private static void requireStrength(SoftRankStrength strength) {
    if (strength == null) {
      throw new IllegalArgumentException("soft rank strength must not be null");
    }
  }
}
