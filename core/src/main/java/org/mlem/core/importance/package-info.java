/**
 * Permutation feature importance on held-out pairs (paper section 2.3 and Appendix D;
 * docs/method.md section 5), of two kinds ({@link org.mlem.core.importance.ImportanceKind}):
 *
 * <ul>
 *   <li>stimulus-level (the default, {@link org.mlem.core.importance.StimulusImportance}):
 *       model-agnostic through a {@link org.mlem.core.importance.PairScorer}; a feature's values
 *       are permuted across the held-out stimuli and the pairs' feature distances recomputed;
 *       main_a = S0 - S_a, interaction_ab = S_a + S_b - S_ab - S0;
 *   <li>term-level ({@link org.mlem.core.importance.PermutationImportance}, the paper's): for
 *       every term of W and permutation, the drop of the exact Spearman when the term's column
 *       of Phi is permuted across the batch; plus "total" importance that permutes a feature's
 *       distance before the expansion.
 * </ul>
 *
 * Both score with the configured {@link org.mlem.core.evaluation.DistanceScore} (Spearman by
 * default; a drop of Pearson r, or an increase of the MSE, with the other scorings: S is always
 * "higher is better", minus the MSE for mse).
 *
 * One round (a permutation index over all units) depends only on its pairs, the scorer or metric
 * and the seed, so rounds can run on any thread or executor with identical results; the
 * permutations never depend on the model. An undefined score (constant predictions or neural
 * distances) is NaN, never an exception. {@link org.mlem.core.importance.FoldImportance}
 * combines folds: a Student t interval with K - 1 degrees of freedom over the K per-fold means,
 * or, with one split, over its permutations ("permutation noise only",
 * {@link org.mlem.core.importance.ImportanceInterval}).
 */
package org.mlem.core.importance;
