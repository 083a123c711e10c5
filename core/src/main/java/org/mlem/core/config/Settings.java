package org.mlem.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Values of options given by the user (from the command line, a config file, MLlib params or a
 * provenance record), each already parsed and checked by its {@link Option}. An option not given
 * reads as its default. Immutable; {@link #toMap()} writes every given value back as text, which
 * {@link #fromText} reads back to equal settings.
 */
public final class Settings {
  private final Map<Option<?>, Object> values;

  private Settings(Map<Option<?>, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** No option given: every option reads as its default. */
  public static Settings empty() {
    return new Settings(Map.of());
  }

  /**
   * Settings from text values by key, every key checked against the table.
   *
   * @param where what holds the values, for messages ("run.json")
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public static Settings fromText(OptionTable table, Map<String, String> text, String where) {
    Map<Option<?>, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : text.entrySet()) {
      Option<?> o = table.require(e.getKey(), where);
      out.put(o, o.parse(e.getValue()));
    }
    return new Settings(out);
  }

  /**
   * Settings from values by key as a program or a YAML document holds them: text is parsed,
   * other values (numbers, booleans, lists, mappings) are read as YAML types them; a null value
   * is an option not given.
   *
   * @param where what holds the values, for messages
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public static Settings fromValues(OptionTable table, Map<String, ?> values, String where) {
    Map<Option<?>, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        continue;
      }
      Option<?> o = table.require(e.getKey(), where);
      out.put(o, v instanceof String text ? o.parse(text) : o.fromYaml(v));
    }
    return new Settings(out);
  }

  /** Whether the option was given. */
  public boolean has(Option<?> option) {
    return values.containsKey(option);
  }

  /** The value given, or the option's default (null when it has none). */
  @SuppressWarnings("unchecked")
  public <T> T get(Option<T> option) {
    return values.containsKey(option) ? (T) values.get(option) : option.defaultValue();
  }

  /** These settings with one more value (checked by the option). */
  public <T> Settings with(Option<T> option, T value) {
    Map<Option<?>, Object> m = new LinkedHashMap<>(values);
    m.put(option, option.check(value));
    return new Settings(m);
  }

  /** These settings without the option (it reads as its default again). */
  public Settings without(Option<?> option) {
    Map<Option<?>, Object> m = new LinkedHashMap<>(values);
    m.remove(option);
    return new Settings(m);
  }

  /** These settings overridden by the other's (each option given there wins). */
  public Settings overriddenBy(Settings other) {
    Map<Option<?>, Object> m = new LinkedHashMap<>(values);
    m.putAll(other.values);
    return new Settings(m);
  }

  /** The options given, by option. */
  public Map<Option<?>, Object> given() {
    return values;
  }

  /** Every given value as text by key, in the order given. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    values.forEach((o, v) -> m.put(o.key(), format(o, v)));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static <T> String format(Option<T> option, Object value) {
    return option.format((T) value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Settings s && s.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
