/**
 * Encoding performance on held-out stimuli (docs/method.md section 5): exact tie-aware Spearman,
 * rho-a and Kendall tau-a between predicted and neural distances of pairs whose two stimuli are
 * both held out, averaged over batches; fold scores combined with the Fisher z-transform. The
 * configured {@link org.mlem.core.evaluation.Scoring} (spearman, pearson or mse) is one
 * {@link org.mlem.core.evaluation.DistanceScore}, shared with permutation importance; the MSE
 * is taken after an {@link org.mlem.core.evaluation.AffineCalibration} fitted on training pairs.
 */
package org.mlem.core.evaluation;
