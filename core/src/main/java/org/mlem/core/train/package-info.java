/**
 * Training: the {@link org.mlem.core.train.PairSource} abstraction that supplies batches of pairs
 * (feature distances and neural distances), an in-process multi-threaded implementation, and the
 * {@link org.mlem.core.train.Trainer} that runs MLEM's synchronous minibatch gradient ascent of
 * the soft-rank Spearman (docs/method.md section 4). The Spark module implements {@code PairSource} on
 * executors; the training loop itself always runs in one thread, on the driver, so a result never
 * depends on how the batches were computed.
 */
package org.mlem.core.train;
