package org.mlem.core.config;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The rule an option's value must satisfy, with its wording: the wording is what every message
 * and every piece of documentation says ("must be &gt;= 1"), so the rule is stated once.
 *
 * @param test whether a value is allowed
 * @param rule what is allowed, as it completes "must be ..." (e.g. {@code ">= 1"})
 * @param <T> the value type
 */
public record Validator<T>(Predicate<T> test, String rule) {
  /** Checks both fields. */
  public Validator {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(rule, "rule");
  }

  /** Any value of the type. */
  public static <T> Validator<T> any() {
    return new Validator<>(v -> true, "");
  }

  /** An integer at least {@code min}. */
  public static Validator<Integer> atLeast(int min) {
    return new Validator<>(v -> v >= min, ">= " + min);
  }

  /** 0 (meaning what {@code zeroMeans} says) or an integer at least {@code min}. */
  public static Validator<Integer> zeroOrAtLeast(int min, String zeroMeans) {
    return new Validator<>(v -> v == 0 || v >= min, "0 (" + zeroMeans + ") or >= " + min);
  }

  /** A finite number strictly greater than {@code min}. */
  public static Validator<Double> greaterThan(double min) {
    return new Validator<>(v -> v > min && Double.isFinite(v),
        "> " + trim(min) + " and finite");
  }

  /** A finite number at least {@code min}. */
  public static Validator<Double> atLeast(double min) {
    return new Validator<>(v -> v >= min && Double.isFinite(v),
        ">= " + trim(min) + " and finite");
  }

  /** A number in the open interval (lo, hi). */
  public static Validator<Double> openInterval(double lo, double hi) {
    return new Validator<>(v -> v > lo && v < hi, "in (" + trim(lo) + ", " + trim(hi) + ")");
  }

  /** A number in the closed interval [lo, hi]. */
  public static Validator<Double> closedInterval(double lo, double hi) {
    return new Validator<>(v -> v >= lo && v <= hi, "in [" + trim(lo) + ", " + trim(hi) + "]");
  }

  /** A number in [lo, hi). */
  public static Validator<Double> halfOpen(double lo, double hi) {
    return new Validator<>(v -> v >= lo && v < hi, "in [" + trim(lo) + ", " + trim(hi) + ")");
  }

  /** Text that is not blank. */
  public static Validator<String> notBlank(String what) {
    return new Validator<>(v -> !v.isBlank(), what);
  }

  /** Whether the value is allowed. */
  public boolean allows(T value) {
    return value != null && test.test(value);
  }

  private static String trim(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
