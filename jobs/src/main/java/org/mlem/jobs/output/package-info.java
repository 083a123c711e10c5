/**
 * Outputs of the jobs: the run directory of one fit (Parquet and CSV tables, {@code run.json}
 * provenance, {@code _SUCCESS}), written through Hadoop's FileSystem so any URI works, into a
 * temporary sibling first and renamed into place only when complete. No maths here: every number
 * comes from the core's {@code MlemAnalysis}.
 */
package org.mlem.jobs.output;
