/**
 * The {@code mlem} command line: {@code fit} (one feature table and one representation set to a
 * run directory, on Spark) and {@code demo} (simulated data through the same path), with options
 * from flags and a YAML file, everything validated before Spark starts working. Exit codes: 0
 * success, 2 bad usage or bad input (message on stderr, no stack trace), 1 any other failure.
 * The only place in the project that prints to the console.
 */
package org.mlem.jobs.cli;
