package org.mlem.jobs.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.rank.SoftRankStrength;
import scala.runtime.AbstractFunction1;

/**
 * The validators of the MLEM params that Spark's {@code ParamValidators} cannot express (0 or at
 * least k; a parseable soft-rank strength; a non-blank column name), and the accepted names of
 * the enumerated params, taken from core so the two never disagree. Validators are serializable
 * Scala functions, as Spark requires of a {@code Param}'s {@code isValid}.
 */
final class ParamChecks {
  private ParamChecks() {}

  /** The model names core accepts ("mlem", "frrsa", "frrsa-i"). */
  static String[] modelNames() {
    return Arrays.stream(Model.values()).map(Model::cliName).toArray(String[]::new);
  }

  /** The parametrization names core accepts ("projected", "cholesky"). */
  static String[] parametrizationNames() {
    return Arrays.stream(Parametrization.values()).map(Parametrization::cliName)
        .toArray(String[]::new);
  }

  /** The early-stopping signal names core accepts ("validation", "training"). */
  static String[] stoppingNames() {
    return Arrays.stream(StoppingSignal.values()).map(StoppingSignal::cliName)
        .toArray(String[]::new);
  }

  /** The importance kinds core accepts ("stimulus", "term"). */
  static String[] importanceNames() {
    return Arrays.stream(ImportanceKind.values()).map(ImportanceKind::cliName)
        .toArray(String[]::new);
  }

  /** The neural distance names core accepts ("euclidean", ...). */
  static String[] distanceNames() {
    return Arrays.stream(NeuralDistance.values()).map(NeuralDistance::cliName)
        .toArray(String[]::new);
  }

  /** The names joined for a param's documentation. */
  static String listed(String[] names) {
    return Arrays.stream(names).collect(Collectors.joining(", "));
  }

  /** Accepts 0 or any integer &gt;= {@code min}. */
  static AbstractFunction1<Object, Object> zeroOrAtLeast(int min) {
    return new Check<>(value -> {
      int v = ((Number) value).intValue();
      return v == 0 || v >= min;
    });
  }

  /** Accepts a soft-rank strength core can parse ("absolute:1.0", "relative:0.5", ...). */
  static AbstractFunction1<String, Object> softRankStrength() {
    return new Check<>(value -> {
      try {
        SoftRankStrength.parse(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    });
  }

  /** Accepts a non-blank column name. */
  static AbstractFunction1<String, Object> columnName() {
    return new Check<>(value -> value != null && !value.isBlank());
  }

  /** Accepts the listed names, ignoring case and surrounding blanks (as core's parsers do). */
  static AbstractFunction1<String, Object> oneOf(String[] names) {
    return new Check<>(value -> value != null
        && Arrays.asList(names).contains(value.trim().toLowerCase(Locale.ROOT)));
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
