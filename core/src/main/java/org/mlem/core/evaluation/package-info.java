/**
 * Encoding performance on held-out stimuli (docs/method.md section 5): exact tie-aware Spearman,
 * rho-a and Kendall tau-a between predicted and neural distances of pairs whose two stimuli are
 * both held out, averaged over batches; fold scores combined with the Fisher z-transform.
 */
package org.mlem.core.evaluation;
