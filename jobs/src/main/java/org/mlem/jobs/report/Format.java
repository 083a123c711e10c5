package org.mlem.jobs.report;

import java.util.Locale;

/** Number formatting of the reports: four significant decimals, locale-independent. */
final class Format {
  private Format() {}

  /** A number for a table cell or label; NaN and infinities spelled out. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e9) {
      return String.format(Locale.ROOT, "%.0f", d);
    }
    if (Math.abs(d) >= 1e-3 && Math.abs(d) < 1e6) {
      return String.format(Locale.ROOT, "%.4f", d);
    }
    return String.format(Locale.ROOT, "%.4g", d);
  }
}
