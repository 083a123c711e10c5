/**
 * Self-contained HTML reports of the jobs' outputs ({@code mlem report DIR}): a fit run
 * directory, a sweep, a simulation study or a robustness study. Each report is one
 * {@code report.html} with inline CSS and the figures as inline SVG (JFreeChart drawn onto
 * JFreeSVG), no script and no reference to anything outside the file, written atomically through
 * Hadoop's FileSystem (any URI). The numbers come from the tables the jobs wrote (their CSV
 * copies) and from the core; the only summaries computed here (means and standard deviations
 * over seeds) are the core's {@code UnitSummary}.
 */
package org.mlem.jobs.report;
