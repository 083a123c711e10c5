package org.mlem.core.rsa;

/**
 * The RDM correlation of two representation sets, with its bootstrap interval.
 *
 * @param a the first set's index
 * @param b the second set's index (a &lt;= b; a == b is a set with itself)
 * @param value the correlation on the shared pairs, each counted once
 * @param ciLow the lower bound of the 95% percentile interval (NaN without a bootstrap)
 * @param ciHigh the upper bound
 * @param resamples the resamples whose correlation was defined (a resample in which either RDM
 *     is constant over its pairs has none and is left out)
 */
public record RsaEntry(int a, int b, double value, double ciLow, double ciHigh, int resamples) {}
