package org.mlem.core.evaluation;

/**
 * Held-out encoding scores of one split (or fold): each the mean over evaluation batches.
 *
 * @param spearman exact tie-aware Spearman (average ranks)
 * @param rhoA Spearman's rho-a (expected under random tie-breaking; rsatoolbox)
 * @param tauA Kendall's tau-a
 * @param batches evaluation batches averaged
 * @param pairsPerBatch pairs in each batch
 */
public record HeldOutScores(
    double spearman, double rhoA, double tauA, int batches, int pairsPerBatch) {}
