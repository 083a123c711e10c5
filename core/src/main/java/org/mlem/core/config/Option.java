package org.mlem.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One setting of MLEM, declared once: its key (the user-facing name, {@code --key} on the command
 * line, {@code key:} in a config file, camelCase as an MLlib param), the type of its value, its
 * default, the rule its value must satisfy and a one-line doc. The command line, the YAML config
 * files, the MLlib params and the provenance record are all derived from these declarations
 * (Smile's {@code Options} is the model), so an option is defaulted, validated and documented in
 * exactly one place.
 *
 * @param <T> the value type
 */
public final class Option<T> {
  private final String key;
  private final ValueType<T> type;
  private final T defaultValue;
  private final String defaultText;
  private final Validator<T> validator;
  private final String label;
  private final String doc;
  private final String negation;
  private final String negationDoc;
  private final String paramName;

  private Option(Builder<T> b) {
    this.key = Objects.requireNonNull(b.key, "key");
    this.type = Objects.requireNonNull(b.type, "type");
    this.defaultValue = b.defaultValue;
    this.validator = b.validator == null ? Validator.any() : b.validator;
    this.label = b.label == null ? key.toUpperCase(Locale.ROOT) : b.label;
    this.doc = Objects.requireNonNull(b.doc, "doc of " + key);
    this.negation = b.negation;
    this.negationDoc = b.negationDoc;
    this.paramName = b.paramName == null ? camel(key) : b.paramName;
    this.defaultText = b.defaultText != null ? b.defaultText
        : defaultValue == null ? null : type.format(defaultValue);
    if (defaultValue != null && !validator.allows(defaultValue)) {
      throw new IllegalStateException("default of " + key + " breaks its own rule");
    }
  }

  /** Starts the declaration of an option. */
  public static <T> Builder<T> of(String key, ValueType<T> type) {
    return new Builder<>(key, type);
  }

  /** The user-facing name: {@code --key}, {@code key:}, and the provenance key. */
  public String key() {
    return key;
  }

  /** The type of the value. */
  public ValueType<T> type() {
    return type;
  }

  /** The default, or null when there is none (required, or computed at run time). */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as documented ("10", "every core", "auto"), or null when there is none. */
  public String defaultText() {
    return defaultText;
  }

  /** The rule the value must satisfy. */
  public Validator<T> validator() {
    return validator;
  }

  /** The placeholder of the value in help ("N", "X", "URI"). */
  public String label() {
    return label;
  }

  /** One line saying what the option does (without its default). */
  public String doc() {
    return doc;
  }

  /** The doc with the rule and the default, as help and MLlib show it. */
  public String fullDoc() {
    StringBuilder s = new StringBuilder(doc);
    String rule = !validator.rule().isEmpty() ? validator.rule()
        : type.expected().startsWith("one of ") ? type.expected() : "";
    if (!rule.isEmpty()) {
      s.append(" Must be ").append(rule).append('.');
    }
    if (defaultText != null) {
      s.append(" Default: ").append(defaultText).append('.');
    }
    return s.toString();
  }

  /**
   * The name of the flag that sets a boolean option to false ({@code no-interactions}), or null.
   */
  public String negation() {
    return negation;
  }

  /** One line saying what the negation flag does, or null. */
  public String negationDoc() {
    return negationDoc;
  }

  /** The MLlib param name (the key in camelCase unless declared otherwise). */
  public String paramName() {
    return paramName;
  }

  /**
   * Reads a value written as text and checks it.
   *
   * @throws IllegalArgumentException "KEY must be RULE, found VALUE"
   */
  public T parse(String text) {
    T value;
    try {
      value = type.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " " + e.getMessage(), e);
    }
    return check(value);
  }

  /**
   * Reads a value from a YAML document and checks it.
   *
   * @throws IllegalArgumentException "KEY must be ..., found ..."
   */
  public T fromYaml(Object yaml) {
    T value;
    try {
      value = type.fromYaml(yaml);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " " + e.getMessage(), e);
    }
    return check(value);
  }

  /**
   * Checks a value against the rule.
   *
   * @return the value
   * @throws IllegalArgumentException "KEY must be RULE, found VALUE"
   */
  public T check(T value) {
    if (!validator.allows(value)) {
      throw new IllegalArgumentException(key + " must be " + validator.rule() + ", found "
          + (value == null ? "nothing" : type.shape() == ValueType.Shape.TEXT
              ? "'" + type.format(value) + "'" : type.format(value)));
    }
    return value;
  }

  /** Whether a value (as MLlib stores it) is allowed: parses and satisfies the rule. */
  public boolean allowsParam(Object value) {
    try {
      return value != null && validator.allows(type.fromParam(value));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Writes a value as text. */
  public String format(T value) {
    return type.format(value);
  }

  @Override
  public String toString() {
    return key;
  }

  private static String camel(String key) {
    StringBuilder s = new StringBuilder();
    boolean upper = false;
    for (char c : key.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        s.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return s.toString();
  }

  /** Declares an option; {@link #build()} checks the default against the rule. */
  public static final class Builder<T> {
    private final String key;
    private final ValueType<T> type;
    private T defaultValue;
    private String defaultText;
    private Validator<T> validator;
    private String label;
    private String doc;
    private String negation;
    private String negationDoc;
    private String paramName;

    private Builder(String key, ValueType<T> type) {
      this.key = key;
      this.type = type;
    }

    /** The default value. */
    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    /** How the default is documented when it is computed or has a name ("every core"). */
    public Builder<T> defaultText(String text) {
      this.defaultText = text;
      return this;
    }

    /** The rule. */
    public Builder<T> validator(Validator<T> value) {
      this.validator = value;
      return this;
    }

    /** The value's placeholder in help. */
    public Builder<T> label(String value) {
      this.label = value;
      return this;
    }

    /** The one-line doc. */
    public Builder<T> doc(String value) {
      this.doc = value;
      return this;
    }

    /** A {@code --no-...} flag for a boolean option, with its doc. */
    public Builder<T> negation(String name, String negationDoc) {
      this.negation = name;
      this.negationDoc = negationDoc;
      return this;
    }

    /** The MLlib param name when it is not the key in camelCase. */
    public Builder<T> paramName(String value) {
      this.paramName = value;
      return this;
    }

    /** The declaration. */
    public Option<T> build() {
      return new Option<>(this);
    }
  }
}
