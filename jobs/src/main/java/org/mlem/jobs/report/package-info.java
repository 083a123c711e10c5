/**
 * Self-contained HTML reports of the jobs' outputs ({@code mlem report DIR}): a fit run
 * directory, a sweep (with, for brain sets, importance over time windows or per ROI), a
 * simulation study, a robustness study or a searchlight (axial slice montages of the spheres'
 * scores and thresholded importances, {@code SliceMontage}). Each report is one
 * {@code report.html} with inline CSS and the figures as inline SVG (JFreeChart drawn onto
 * JFreeSVG), no script and no reference to anything outside the file, written atomically through
 * Hadoop's FileSystem (any URI). The numbers come from the tables the jobs wrote (their CSV
 * copies) and from the core; the only summaries computed here (means and standard deviations
 * over seeds) are the core's {@code UnitSummary}.
 */
package org.mlem.jobs.report;
