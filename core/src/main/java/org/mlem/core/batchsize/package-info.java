/**
 * Batch-size estimation (paper, Appendix C): the smallest batch of pairs whose between-feature
 * correlations of squared feature distances are stable across batches. Works on features only,
 * so a layer sweep estimates once and reuses the result.
 */
package org.mlem.core.batchsize;
