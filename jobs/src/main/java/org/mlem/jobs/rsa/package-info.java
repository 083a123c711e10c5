/**
 * {@code mlem rsa}: the RDM correlations of two or more representation sets (a sweep's layers,
 * several models' files), with stimulus-bootstrap intervals. The sets are found and read as a
 * sweep finds them ({@link org.mlem.jobs.sweep.RepresentationSets}), each on its own (no feature
 * table); the maths (common stimuli, shared pairs, correlations, bootstrap) is core's
 * {@link org.mlem.core.rsa}; this package converts the data, calls it and writes OUT/rsa.*.
 *
 * <p>What must not live here: correlation or resampling code (core), report markup (report).
 */
package org.mlem.jobs.rsa;
