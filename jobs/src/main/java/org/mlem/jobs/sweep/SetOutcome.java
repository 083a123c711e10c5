package org.mlem.jobs.sweep;

import org.mlem.jobs.output.SetStatus;
/**
 * The outcome of one set of a sweep.
 *
 * @param set the set
 * @param seed the set's seed ({@link SetSeeds#seedOf})
 * @param status ok, failed or skipped-complete
 * @param reason why it failed, or null
 * @param seconds wall-clock seconds spent on it in this run (0 when skipped)
 */
public record SetOutcome(
    RepresentationSet set, long seed, SetStatus status, String reason, double seconds) {}
