package org.mlem.jobs.experiments;

import org.mlem.core.metric.Model;

/**
 * One noisy fit of the robustness analysis, compared with the same model's noiseless fit.
 *
 * @param model the model
 * @param noise the noise level added to the representations
 * @param seed the noise seed (1..K)
 * @param frobenius Frobenius distance between this fit's W and the noiseless fit's W
 * @param weightedTau weighted tau of this fit's importance profile against the noiseless one's
 *     (NaN where undefined)
 * @param spearman this fit's held-out Spearman (on the noisy data)
 */
public record RobustnessRow(
    Model model, double noise, int seed, double frobenius, double weightedTau,
    double spearman) {}
