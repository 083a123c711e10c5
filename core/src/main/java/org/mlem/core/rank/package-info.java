/**
 * Ranks and rank correlations: exact average ranks and a primitive stable index sort
 * ({@link org.mlem.core.rank.Ranks}), Pearson ({@link org.mlem.core.rank.Correlation}), the
 * tie-aware Spearman correlation used to evaluate MLEM ({@link org.mlem.core.rank.Spearman}),
 * rsatoolbox's rho-a ({@link org.mlem.core.rank.RhoA}), Kendall's tau-a
 * ({@link org.mlem.core.rank.KendallTauA}), and the differentiable soft ranks of Blondel et al.
 * 2020 ({@link org.mlem.core.rank.SoftRank}) with the training objective built on them
 * ({@link org.mlem.core.rank.SoftSpearman}, docs/method.md section 4).
 *
 * <p>Everything here works on primitive {@code double[]} vectors, allocates no per-element
 * objects and keeps no state between calls. Inputs with NaN (or, where documented, infinite)
 * values are rejected with an {@link java.lang.IllegalArgumentException} naming the position;
 * undefined results (a constant vector) raise an {@link java.lang.ArithmeticException}: a
 * correlation is never silently NaN.
 *
 * <p>What must not live here: anything about pairs, features, metrics or optimizers (those
 * packages call into this one, never the reverse), logging of results, randomness.
 */
package org.mlem.core.rank;
