package org.mlem.core.rank;

import java.util.Locale;

/**
 * How the soft-rank regularization strength eps is chosen for a ranked vector (docs/method.md section
 * 4).
 *
 * <ul>
 *   <li>{@link Mode#ABSOLUTE}: eps = {@code value}, fixed (the reference package uses 1.0). With
 *       values of order 1 the soft ranks are then nearly affine in the values and the objective
 *       behaves like a Pearson correlation.
 *   <li>{@link Mode#RELATIVE}: eps = {@code value * std(values) / n} (population standard
 *       deviation, ddof 0), recomputed for every ranked vector, which keeps the soft ranks close to
 *       the true ranks whatever the scale of the values. In the backward pass eps is a constant.
 * </ul>
 *
 * <p>Text form (configuration files, CLI): {@code "absolute:1.0"} or {@code "relative:1.0"}; see
 * {@link #parse(String)} and {@link #toString()}.
 *
 * @param mode absolute or relative, not null
 * @param value eps itself (absolute) or the factor c (relative); finite and > 0
 */
public record SoftRankStrength(Mode mode, double value) {
  /** Whether {@link SoftRankStrength#value()} is eps itself or a factor of std(values) / n. */
  public enum Mode {
    /** eps = value. */
    ABSOLUTE,
    /** eps = value * std(values) / n. */
    RELATIVE
  }

  private static final String ACCEPTED =
      "accepted forms: \"absolute:<eps>\", \"relative:<c>\", \"absolute\" or \"relative\""
          + " (value 1.0), with a finite number > 0";

  /** Validates the components: mode not null, value finite and > 0. */
  public SoftRankStrength {
    if (mode == null) {
      throw new IllegalArgumentException("soft rank strength mode must be ABSOLUTE or RELATIVE, found null");
    }
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "soft rank strength value must be finite and > 0, found " + value);
    }
  }

  /**
   * A fixed strength.
   *
   * @param eps the strength, finite and > 0 (reference default 1.0)
   */
  public static SoftRankStrength absolute(double eps) {
    return new SoftRankStrength(Mode.ABSOLUTE, eps);
  }

  /**
   * A strength relative to the spread of each ranked vector, eps = c * std(values) / n.
   *
   * @param c the factor, finite and > 0 (default 1.0)
   */
  public static SoftRankStrength relative(double c) {
    return new SoftRankStrength(Mode.RELATIVE, c);
  }

  /**
   * The strength eps to use for {@code values}.
   *
   * @param values the vector about to be soft-ranked, length n >= 1, finite
   * @return eps, finite and > 0
   * @throws IllegalArgumentException if {@code values} is null, empty or not finite
   * @throws ArithmeticException in relative mode, if the values are constant (std 0) or eps
   *     underflows to 0
   */
  public double resolve(double[] values) {
    VectorChecks.requireFinite("values", values);
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("values must have length >= 1, found 0");
    }
    if (mode == Mode.ABSOLUTE) {
      return value;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : values) {
      double d = v - mean;
      ss += d * d;
    }
    double std = Math.sqrt(ss / n);
    double eps = value * std / n;
    if (!(eps > 0) || VectorChecks.isConstant(values)) {
      throw new ArithmeticException(
          "relative soft rank strength undefined: the values are constant (std " + std + ") over "
              + n + " values, so eps = " + value + " * std / n is " + eps);
    }
    if (!Double.isFinite(eps)) {
      throw new ArithmeticException("relative soft rank strength overflows: eps = " + eps);
    }
    return eps;
  }

  /**
   * Parses the text form: {@code "absolute:1.0"}, {@code "relative:0.5"}, or a bare mode name
   * meaning value 1.0. Case-insensitive, surrounding spaces ignored.
   *
   * @throws IllegalArgumentException if the text is not one of the accepted forms (the message
   *     lists them)
   */
  public static SoftRankStrength parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("soft rank strength must not be null; " + ACCEPTED);
    }
    String trimmed = text.trim();
    int colon = trimmed.indexOf(':');
    String modeText = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
    Mode parsedMode;
    switch (modeText.toLowerCase(Locale.ROOT)) {
      case "absolute":
        parsedMode = Mode.ABSOLUTE;
        break;
      case "relative":
        parsedMode = Mode.RELATIVE;
        break;
      default:
        throw new IllegalArgumentException(
            "soft rank strength \"" + text + "\" has unknown mode \"" + modeText + "\"; " + ACCEPTED);
    }
    double parsedValue = 1.0;
    if (colon >= 0) {
      String number = trimmed.substring(colon + 1).trim();
      try {
        parsedValue = Double.parseDouble(number);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "soft rank strength \"" + text + "\" has an invalid number \"" + number + "\"; " + ACCEPTED, e);
      }
      if (!(parsedValue > 0) || !Double.isFinite(parsedValue)) {
        throw new IllegalArgumentException(
            "soft rank strength \"" + text + "\" has value " + parsedValue + "; " + ACCEPTED);
      }
    }
    return new SoftRankStrength(parsedMode, parsedValue);
  }

  /** The text form accepted by {@link #parse(String)}, e.g. {@code "relative:1.0"}. */
  @Override
  public String toString() {
    return mode.name().toLowerCase(Locale.ROOT) + ":" + value;
  }
}
