package org.mlem.jobs.ml;

import java.io.Serializable;
import scala.runtime.AbstractFunction1;

/**
 * The validator of the MLlib-only column params (a non-blank column name); the params that are
 * options validate through the option table ({@link TableParams}). Validators are serializable
 * Scala functions, as Spark requires of a {@code Param}'s {@code isValid}.
 */
final class ParamChecks {
  private ParamChecks() {}

  /** Accepts a non-blank column name. */
  static AbstractFunction1<String, Object> columnName() {
    return new Check<>(value -> value != null && !value.isBlank());
  }

  /** A serializable predicate. */
  interface Predicate<T> extends Serializable {
    boolean test(T value);
  }

  /** A serializable Scala function wrapping a predicate. */
  private static final class Check<T> extends AbstractFunction1<T, Object>
      implements Serializable {
    private final Predicate<T> predicate;

    Check(Predicate<T> predicate) {
      this.predicate = predicate;
    }

    @Override
    public Object apply(T value) {
      return value != null && predicate.test(value);
    }
  }
}
