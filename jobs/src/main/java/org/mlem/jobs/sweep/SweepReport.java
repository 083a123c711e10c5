package org.mlem.jobs.sweep;

import java.util.List;
import java.util.Locale;

/**
 * A minimal {@code OUT/report.html}: the shared batch size and one table row per set (status,
 * reason, held-out scores, a link to the set's own {@code runs/<set>/report.html} when the fit
 * wrote one). Plain HTML, no scripts.
 */
final class SweepReport {
  private SweepReport() {}

  /** The HTML text. */
  static String html(SweepResult result, List<Object[]> combinedRows) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mlem sweep</title>")
        .append("</head><body>\n<h1>mlem sweep</h1>\n");
    sb.append("<p>").append(result.sets().size()).append(" sets, ").append(result.failed())
        .append(" failed; shared batch size ").append(result.batchSize().batchSize())
        .append("</p>\n<table border=\"1\">\n<tr><th>set</th><th>status</th><th>held-out "
            + "Spearman</th><th>reason</th><th>run</th></tr>\n");
    for (SetOutcome o : result.sets()) {
      String name = o.set().name();
      Object spearman = null;
      for (Object[] r : combinedRows) {
        if (name.equals(r[0]) && r[6] != null) {
          spearman = r[6];
          break;
        }
      }
      sb.append("<tr><td>").append(escape(name)).append("</td><td>")
          .append(o.status().label()).append("</td><td>")
          .append(spearman == null ? "" : String.format(Locale.ROOT, "%.4f", (Double) spearman))
          .append("</td><td>").append(o.reason() == null ? "" : escape(o.reason()))
          .append("</td><td>");
      if (o.status() != SetStatus.FAILED) {
        String href = SweepFiles.RUNS + "/" + escape(name) + "/report.html";
        sb.append("<a href=\"").append(href).append("\">report</a>");
      }
      sb.append("</td></tr>\n");
    }
    sb.append("</table>\n</body></html>\n");
    return sb.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
