/**
 * Statistics for comparing MLEM results (docs/method.md sections 5 and 7): Kendall's weighted tau
 * between importance profiles ({@link org.mlem.core.stats.WeightedTau}), Frobenius norm and
 * distance between learned metrics ({@link org.mlem.core.stats.Frobenius}), and the Fisher-z
 * average of correlations across folds ({@link org.mlem.core.stats.FisherZ}).
 *
 * <p>Stateless static functions on primitive arrays. Caller mistakes (mismatched shapes, NaN,
 * values out of range) raise {@link java.lang.IllegalArgumentException}; undefined results raise
 * {@link java.lang.ArithmeticException}, never a silent NaN.
 *
 * <p>What must not live here: ranks and rank correlations used in training and evaluation (those
 * are in {@code org.mlem.core.rank}), anything random, anything about pairs or training.
 */
package org.mlem.core.stats;
