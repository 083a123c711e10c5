package org.mlem.core.brain;

/**
 * One time window of an epoch array: {@code [start, end)} in seconds and the time points in it.
 *
 * @param name e.g. {@code t=0.100-0.120s}
 * @param start the window's start (s)
 * @param end the window's end (s), excluded
 * @param first the index of its first time point
 * @param count its time points, at least one
 */
public record TimeWindow(String name, double start, double end, int first, int count) {}
