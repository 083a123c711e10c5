package org.mlem.jobs.ml;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlem.core.config.Option;
import scala.runtime.AbstractFunction1;

/**
 * Spark ML {@link Param}s made from option-table entries: the param's name is the option's
 * {@link Option#paramName()}, its doc the option's doc with rule and default, its validator the
 * option's parser and rule, its default the option's default. So an invalid value fails in the
 * setter exactly when the command line would refuse it.
 */
final class TableParams {
  private TableParams() {}

  static Param<String> text(Params owner, Option<?> o) {
    return new Param<>(owner, o.paramName(), o.fullDoc(), new Check<String>(o));
  }

  /**
   * A text param whose empty value means "not given" (its default, for an option without a
   * default value, e.g. kinds: every kind inferred); any other value passes the option's check.
   */
  static Param<String> optionalText(Params owner, Option<?> o) {
    return new Param<>(owner, o.paramName(), o.fullDoc() + " Empty (default): not given.",
        new Check<String>(o, true));
  }

  static IntParam intParam(Params owner, Option<Integer> o) {
    return new IntParam(owner, o.paramName(), o.fullDoc(), new Check<Object>(o));
  }

  static LongParam longParam(Params owner, Option<Long> o) {
    return new LongParam(owner, o.paramName(), o.fullDoc(), new Check<Object>(o));
  }

  static DoubleParam doubleParam(Params owner, Option<Double> o) {
    return new DoubleParam(owner, o.paramName(), o.fullDoc(), new Check<Object>(o));
  }

  static BooleanParam flag(Params owner, Option<Boolean> o) {
    return new BooleanParam(owner, o.paramName(), o.fullDoc());
  }

  /** Registers the option's default (nothing when it has none). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> void setDefault(Params owner, Param<?> param, Option<T> o) {
    if (o.defaultValue() != null) {
      owner.setDefault((Param) param, o.type().toParam(o.defaultValue()));
    }
  }

  /**
   * A serializable Scala validator: the option's parser and rule. It holds the option's key
   * only (declarations hold lambdas, which do not serialize) and finds the option again in
   * {@link MLEMParamSet#OPTIONS}.
   */
  private static final class Check<T> extends AbstractFunction1<T, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final boolean emptyAllowed;

    Check(Option<?> option) {
      this(option, false);
    }

    Check(Option<?> option, boolean emptyAllowed) {
      this.key = option.key();
      this.emptyAllowed = emptyAllowed;
    }

    @Override
    public Object apply(T value) {
      if (emptyAllowed && "".equals(value)) {
        return true;
      }
      for (Option<?> o : MLEMParamSet.OPTIONS) {
        if (o.key().equals(key)) {
          return o.allowsParam(value);
        }
      }
      throw new IllegalStateException("no MLEM param option " + key);
    }
  }
}
