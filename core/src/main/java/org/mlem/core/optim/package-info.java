/**
 * Optimization for MLEM's training loop (docs/method.md section 4): the AdamW optimizer taking
 * ascent steps ({@link org.mlem.core.optim.AdamW}, configured by
 * {@link org.mlem.core.optim.AdamWConfig}) and early stopping on the training score
 * ({@link org.mlem.core.optim.EarlyStopping}).
 *
 * <p>What must not live here: the score, its gradient and the metric parametrizations (they are
 * in {@code org.mlem.core.metric} and the training package); this package only sees parameter
 * and gradient vectors. Optimizers hold per-run state and are not thread-safe.
 */
package org.mlem.core.optim;
