/**
 * The learned metric of MLEM (docs/method.md section 2; Jalouzot et al., arXiv:2402.11608,
 * Appendix D): the model families ({@link org.mlem.core.metric.Model}), the expansion of a pair's
 * feature distances into the terms of the linear model ({@link org.mlem.core.metric.PhiExpansion},
 * with {@code s = delta^T W delta = phi . w}), and the parametrizations that map unconstrained
 * parameters to a unit-Frobenius W together with their hand-written backward passes
 * ({@link org.mlem.core.metric.MetricParametrization}).
 *
 * <p>What must not live here: soft ranks, correlations and the training loop (the score and its
 * gradient with respect to the predictions), optimizers, pair sampling and feature distances.
 * Everything here is plain Java on {@code double[]}, immutable or stateless, and uses no
 * randomness except from an explicit seed.
 */
package org.mlem.core.metric;
