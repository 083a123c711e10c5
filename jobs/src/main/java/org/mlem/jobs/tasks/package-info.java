/**
 * Many small fits as Spark tasks: searchlight spheres (and other small sets) are partitioned
 * across executors and each task runs whole core fits in its own JVM thread, with the shared
 * inputs broadcast once. The work that distributes here is across fits, not within one; each
 * fit is exactly what {@code mlem fit --engine in-process} computes for the same set, seed and
 * batch size.
 */
package org.mlem.jobs.tasks;
