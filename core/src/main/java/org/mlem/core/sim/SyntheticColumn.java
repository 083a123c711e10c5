package org.mlem.core.sim;

import java.util.Arrays;
import java.util.Objects;

/**
 * One feature column of a synthetic dataset: the values of one theoretical feature for the n
 * stimuli, either categorical (nominal labels such as {@code "A"}/{@code "B"}, compared with the
 * indicator distance) or ordinal (numbers, compared after min-max scaling; docs/method.md section 1).
 *
 * <p>Exactly one of {@code categories} and {@code numbers} is non-null. Categorical values are
 * non-null strings; ordinal values are finite numbers (synthetic data has no missing values).
 * The arrays are not copied (datasets can be large): callers must not modify them.
 *
 * @param name the feature's name, non-blank
 * @param categories the categorical value of each stimulus, or null for an ordinal column
 * @param numbers the ordinal value of each stimulus, or null for a categorical column
 */
public record SyntheticColumn(String name, String[] categories, double[] numbers) {

  /** Validates the column: a non-blank name and exactly one kind of values, all defined. */
  public SyntheticColumn {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("column name must be non-blank, found " + quoted(name));
    }
    if ((categories == null) == (numbers == null)) {
      throw new IllegalArgumentException("column " + name
          + " must have exactly one of categories and numbers, found "
          + (categories == null ? "neither" : "both"));
    }
    if (categories != null) {
      for (int i = 0; i < categories.length; i++) {
        if (categories[i] == null) {
          throw new IllegalArgumentException(
              "column " + name + " must have a category for every stimulus, found null at row " + i);
        }
      }
    } else {
      for (int i = 0; i < numbers.length; i++) {
        if (!Double.isFinite(numbers[i])) {
          throw new IllegalArgumentException("column " + name
              + " must have finite numbers, found " + numbers[i] + " at row " + i);
        }
      }
    }
  }

  /** A categorical column (indicator distance). */
  public static SyntheticColumn ofCategories(String name, String[] categories) {
    return new SyntheticColumn(name, Objects.requireNonNull(categories, "categories"), null);
  }

  /** An ordinal column (absolute difference after min-max scaling). */
  public static SyntheticColumn ofNumbers(String name, double[] numbers) {
    return new SyntheticColumn(name, null, Objects.requireNonNull(numbers, "numbers"));
  }

  /** True for a categorical column, false for an ordinal one. */
  public boolean categorical() {
    return categories != null;
  }

  /** The number of stimuli (rows) in this column. */
  public int size() {
    return categories != null ? categories.length : numbers.length;
  }

  /** Equal when the names, kinds and all values are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SyntheticColumn c
        && name.equals(c.name)
        && Arrays.equals(categories, c.categories)
        && Arrays.equals(numbers, c.numbers);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(categories)) + Arrays.hashCode(numbers);
  }

  @Override
  public String toString() {
    return "SyntheticColumn[name=" + name + ", " + (categorical() ? "categorical" : "ordinal")
        + ", rows=" + size() + "]";
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
