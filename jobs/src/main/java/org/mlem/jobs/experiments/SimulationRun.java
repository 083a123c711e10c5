package org.mlem.jobs.experiments;

/**
 * One fit of the simulation study and its scores.
 *
 * @param variant the model and strength
 * @param noise the dataset's noise level
 * @param seed the dataset's seed (also the fit's)
 * @param frobenius Frobenius distance of W to the true W* (both unit norm; FR-RSA's diagonal W
 *     is compared with the full W*)
 * @param outcome the fit: W, steps, held-out Spearman, importance profile, seconds
 */
public record SimulationRun(
    ModelVariant variant, double noise, int seed, double frobenius, FitOutcome outcome) {}
