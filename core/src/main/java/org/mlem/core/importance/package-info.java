/**
 * Permutation feature importance (paper section 2.3 and Appendix D; MLEM-SPEC section 5): for
 * every unit (feature, and with interactions every term of W) and permutation, the drop of the
 * exact Spearman between predicted and neural distances on held-out pairs when the unit's column
 * is permuted across the batch; plus "total" importance that permutes a feature before the
 * expansion, breaking it and all its interactions at once. One round (a permutation index over
 * all units) depends only on its batch, the metric and the seed, so rounds can run on any thread
 * or executor.
 */
package org.mlem.core.importance;
