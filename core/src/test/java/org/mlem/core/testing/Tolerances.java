package org.mlem.core.testing;

/** Named tolerances shared by the tests (STYLE.md: tolerances are named constants). */
public final class Tolerances {
  /** Soft rank and its VJP against {@code soft_rank.json}. */
  public static final double SOFT_RANK = 1e-9;
  /** Exact Spearman against {@code spearman.json}. */
  public static final double SPEARMAN = 1e-12;
  /** rho-a against {@code rho_a.json}. */
  public static final double RHO_A = 1e-12;
  /** Weighted Kendall tau against {@code weighted_tau.json}. */
  public static final double WEIGHTED_TAU = 1e-12;
  /** Kendall tau-b against {@code kendall_tau.json}. */
  public static final double KENDALL_TAU = 1e-12;
  /** Relative error allowed between a hand-written gradient and central finite differences. */
  public static final double GRADIENT_RELATIVE = 1e-5;
  /** Values below this magnitude are compared absolutely in gradient checks. */
  public static final double GRADIENT_ABSOLUTE = 1e-8;

  private Tolerances() {}
}
