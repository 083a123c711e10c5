package org.mlem.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the value of one {@link Option} is written as text (command line, provenance) and read
 * back from text or from a YAML scalar, list or mapping. One instance per kind of value, so the
 * command line, the config files and the MLlib params parse a value the same way.
 *
 * @param <T> the Java type of the value
 */
public abstract class ValueType<T> {
  /** The shape of the value, which decides how the command line and MLlib carry it. */
  public enum Shape {
    /** A flag: true or false, given without a value on the command line. */
    BOOLEAN,
    /** A 32-bit integer. */
    INT,
    /** A 64-bit integer. */
    LONG,
    /** A floating-point number. */
    DOUBLE,
    /** Text, including enumerations and structured values written as text. */
    TEXT
  }

  private final Shape shape;
  private final String expected;

  ValueType(Shape shape, String expected) {
    this.shape = shape;
    this.expected = expected;
  }

  /** How the command line and MLlib carry the value. */
  public Shape shape() {
    return shape;
  }

  /** What a valid value looks like, for messages ("an integer", "one of a, b"). */
  public String expected() {
    return expected;
  }

  /**
   * Reads a value written as text.
   *
   * @throws IllegalArgumentException saying what was expected and what was found
   */
  public abstract T parse(String text);

  /** Writes a value as text that {@link #parse} reads back to an equal value. */
  public String format(T value) {
    return String.valueOf(value);
  }

  /**
   * Reads a value from a YAML document (a scalar as SnakeYAML loads it: Boolean, Integer, Long,
   * Double or String; a list or a mapping where the type allows one). Numbers are not read from
   * text and text is not read from booleans, so {@code folds: "5"} and {@code lr: true} are
   * refused as YAML would type them.
   *
   * @throws IllegalArgumentException saying what was expected and what was found
   */
  public T fromYaml(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return parse(value.toString());
    }
    throw wrong(value);
  }

  /** Reads a value as MLlib stores it (Integer, Long, Double, Boolean or String). */
  public T fromParam(Object value) {
    return value instanceof String s ? parse(s) : fromYaml(value);
  }

  /** The value as MLlib stores it (boxed primitive for numbers and flags, else text). */
  public Object toParam(T value) {
    return shape == Shape.TEXT ? format(value) : value;
  }

  /** A value typed on the command line or in text: quoted, without its YAML kind. */
  IllegalArgumentException wrongText(String found) {
    return new IllegalArgumentException("must be " + expected + ", found "
        + (found == null ? "nothing" : "'" + found + "'"));
  }

  IllegalArgumentException wrong(Object found) {
    return new IllegalArgumentException("must be " + expected + ", found " + describe(found));
  }

  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    String kind = value instanceof Map ? "mapping" : value instanceof List ? "list"
        : value instanceof String ? "text" : value instanceof Boolean ? "boolean"
        : value instanceof Number ? "number" : value.getClass().getSimpleName();
    return "'" + value + "' (" + kind + ")";
  }

  /** true or false. */
  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>(Shape.BOOLEAN, "true or false") {
        @Override
        public Boolean parse(String text) {
          String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
          if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
          }
          throw wrongText(text);
        }

        @Override
        public Boolean fromYaml(Object value) {
          if (value instanceof Boolean b) {
            return b;
          }
          throw wrong(value);
        }
      };

  /** A 32-bit integer. */
  public static final ValueType<Integer> INT = new ValueType<>(Shape.INT, "an integer") {
    @Override
    public Integer parse(String text) {
      try {
        return Integer.valueOf(text == null ? "" : text.trim());
      } catch (NumberFormatException e) {
        throw wrongText(text);
      }
    }

    @Override
    public Integer fromYaml(Object value) {
      if (value instanceof Integer i) {
        return i;
      }
      if (value instanceof Long l && l == l.intValue()) {
        return l.intValue();
      }
      throw wrong(value);
    }
  };

  /** A 64-bit integer. */
  public static final ValueType<Long> LONG = new ValueType<>(Shape.LONG, "an integer") {
    @Override
    public Long parse(String text) {
      try {
        return Long.valueOf(text == null ? "" : text.trim());
      } catch (NumberFormatException e) {
        throw wrongText(text);
      }
    }

    @Override
    public Long fromYaml(Object value) {
      if (value instanceof Integer || value instanceof Long) {
        return ((Number) value).longValue();
      }
      throw wrong(value);
    }
  };

  /** A floating-point number. */
  public static final ValueType<Double> DOUBLE = new ValueType<>(Shape.DOUBLE, "a number") {
    @Override
    public Double parse(String text) {
      try {
        return Double.valueOf(text == null ? "" : text.trim());
      } catch (NumberFormatException e) {
        throw wrongText(text);
      }
    }

    @Override
    public Double fromYaml(Object value) {
      if (value instanceof Number n && !(value instanceof java.math.BigInteger)) {
        return n.doubleValue();
      }
      throw wrong(value);
    }
  };

  /** Any single text value (numbers and booleans in YAML are taken as their text). */
  public static final ValueType<String> TEXT = new ValueType<>(Shape.TEXT, "a single value") {
    @Override
    public String parse(String text) {
      if (text == null) {
        throw wrongText(null);
      }
      return text;
    }
  };

  /**
   * A comma-separated list of distinct, non-empty names; a YAML list is accepted too.
   */
  public static final ValueType<List<String>> NAMES =
      new ValueType<>(Shape.TEXT, "a comma-separated list of names") {
        @Override
        public List<String> parse(String text) {
          if (text == null) {
            throw wrongText(null);
          }
          List<String> names = new ArrayList<>();
          for (String part : text.split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
              throw new IllegalArgumentException("must be a comma-separated list of column "
                  + "names, found an empty name in '" + text + "'");
            }
            if (names.contains(name)) {
              throw new IllegalArgumentException("names " + name + " twice in '" + text + "'");
            }
            names.add(name);
          }
          return List.copyOf(names);
        }

        @Override
        public String format(List<String> value) {
          return String.join(",", value);
        }

        @Override
        public List<String> fromYaml(Object value) {
          if (value instanceof List<?> list) {
            return parse(list.stream().map(String::valueOf).collect(Collectors.joining(",")));
          }
          return super.fromYaml(value);
        }
      };

  /**
   * {@code name=value} pairs separated by commas, each value read by {@code values}; a YAML
   * mapping is accepted too. Kept in the order given.
   *
   * @param values the type of each value
   * @param example an example for messages, e.g. {@code size=ordinal,color=categorical}
   */
  public static <V> ValueType<Map<String, V>> pairs(ValueType<V> values, String example) {
    return new ValueType<>(Shape.TEXT, "name=value pairs separated by commas (e.g. '" + example
        + "')") {
      @Override
      public Map<String, V> parse(String text) {
        if (text == null) {
          throw wrongText(null);
        }
        Map<String, V> out = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
          int eq = part.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("must be " + expected() + ", found '"
                + part.trim() + "'");
          }
          String name = part.substring(0, eq).trim();
          try {
            out.put(name, values.parse(part.substring(eq + 1)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("for " + name + ": " + e.getMessage(), e);
          }
        }
        return java.util.Collections.unmodifiableMap(out);
      }

      @Override
      public String format(Map<String, V> value) {
        return value.entrySet().stream().map(e -> e.getKey() + "=" + values.format(e.getValue()))
            .collect(Collectors.joining(","));
      }

      @Override
      public Map<String, V> fromYaml(Object value) {
        if (value instanceof Map<?, ?> map) {
          return parse(map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(",")));
        }
        return super.fromYaml(value);
      }
    };
  }

  /**
   * One of a fixed set of names, read by the value class's own parser (which ignores case and
   * surrounding blanks) and written by its name function.
   *
   * @param values every value, in the order listed in messages
   * @param name the name of a value as the user writes it
   * @param parser the value class's parser (its message lists the accepted names)
   */
  @SafeVarargs
  public static <E> ValueType<E> oneOf(Function<E, String> name, Function<String, E> parser,
      E... values) {
    String listed = Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    return new ValueType<>(Shape.TEXT, "one of " + listed) {
      @Override
      public E parse(String text) {
        try {
          return parser.apply(text);
        } catch (IllegalArgumentException e) {
          throw wrongText(text);
        }
      }

      @Override
      public String format(E value) {
        return name.apply(value);
      }
    };
  }

  /**
   * A value of its own syntax written as text (e.g. a soft-rank strength {@code absolute:1.0}).
   *
   * @param expected what a valid value looks like, for messages
   * @param parser reads the text; its IllegalArgumentException message is kept
   * @param formatter writes the value so that {@code parser} reads it back
   */
  public static <E> ValueType<E> text(String expected, Function<String, E> parser,
      Function<E, String> formatter) {
    return new ValueType<>(Shape.TEXT, expected) {
      @Override
      public E parse(String text) {
        if (text == null) {
          throw wrongText(null);
        }
        try {
          return parser.apply(text);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("must be " + expected() + ", found '" + text
              + "'", e);
        }
      }

      @Override
      public String format(E value) {
        return formatter.apply(value);
      }
    };
  }
}
