/**
 * Benchmarks of the Spark module, run as main classes (see {@link org.mlem.jobs.bench.ScaleBenchmark}).
 * They print tables on standard output and assert nothing; no maths lives here.
 */
package org.mlem.jobs.bench;
