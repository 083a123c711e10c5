/**
 * The paper's experiments as jobs: the simulation study of section 2.5.1 ({@code mlem simulate}:
 * noise levels x seeds x models x soft-rank strengths on data with a known metric W*) and the
 * robustness analysis of Figure 2b on the user's own data ({@code mlem robustness}: noise added
 * to the representations, every fit compared with the noiseless one).
 *
 * <p>A simulation fit runs the core engine in-process ({@code org.mlem.core.api.Mlem}); a
 * robustness fit is made by the caller's {@link RobustnessStudy.Fitter} (the CLI's is the fit
 * job, so it is placed and run as {@code mlem fit} runs it). One core thread per fit; fits run
 * in parallel across a fixed thread pool ({@link ParallelRuns}) and their results
 * are collected in grid order, so tables do not depend on the thread count (except the
 * {@code seconds} column). The maths (fits, Frobenius distance, weighted tau, mean and standard
 * deviation) comes from the core; this package arranges runs and writes tables
 * ({@link ExperimentWriter}: CSV, Parquet when a Spark session is given, the provenance record,
 * {@code _SUCCESS}, atomically).
 */
package org.mlem.jobs.experiments;
