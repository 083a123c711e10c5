package org.mlem.jobs.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * The one number format of every report table, caption and provenance value: four
 * significant digits, locale-independent ("0.4270", "255.5", "0.0001886", "15.01"); whole
 * numbers as integers ("24218", "3", "0"); magnitudes below 1e-4 or from 1e6 up in scientific
 * notation with the same four digits and an unpadded exponent ("1.774e-5", "2.500e+6"); NaN and
 * infinities spelled out. Axis ticks use it too, with trailing zeros dropped ("0.25", not
 * "0.2500"): a tick is an exact round value, not a measurement.
 */
final class Format {
  /** Significant digits of every reported number. */
  static final int DIGITS = 4;

  private Format() {}

  /** A number for a table cell, caption or label. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return "0";
    }
    double abs = Math.abs(d);
    if (d == Math.rint(d) && abs < 1e15) {
      return Long.toString((long) d);
    }
    BigDecimal rounded = new BigDecimal(d).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
    double r = Math.abs(rounded.doubleValue());
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (r >= 1e-4 && r < 1e6) {
      return rounded.setScale(Math.max(0, DIGITS - 1 - exponent), RoundingMode.HALF_EVEN)
          .toPlainString();
    }
    String mantissa = rounded.movePointLeft(exponent)
        .setScale(DIGITS - 1, RoundingMode.HALF_EVEN).toPlainString();
    return mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
  }

  /** The same format for JFreeChart's axis ticks and scale legends. */
  static NumberFormat ticks() {
    return new TickFormat();
  }

  /** {@link #number} as a {@link NumberFormat} (formatting only). */
  private static final class TickFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
      // ticks are multiples of a tick unit computed in floating point: 0.30000000000000004
      double cleaned = Math.abs(number) < 1e-12 ? 0 : number;
      String text = Format.number(cleaned);
      if (text.contains(".") && !text.contains("e")) {
        text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return toAppendTo.append(text);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
      return toAppendTo.append(number);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
      throw new UnsupportedOperationException("report tick labels are never parsed");
    }
  }
}
