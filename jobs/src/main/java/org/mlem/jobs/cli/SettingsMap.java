package org.mlem.jobs.cli;

import org.mlem.jobs.fit.UsageException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings of one command as a map from key (the long option name without its dashes, e.g.
 * {@code test-fraction}) to a typed value, built from the command line or from a YAML file.
 * Negative flags are stored under their positive key ({@code --no-interactions} is
 * {@code interactions=false}). The command's picocli model is the single list of keys and types,
 * so the YAML file accepts exactly the options.
 */
final class SettingsMap {
  /** Keys that only make sense on the command line. */
  private static final Set<String> CLI_ONLY = Set.of("config", "help", "version");

  private SettingsMap() {}

  /** The options given on the command line, by key. */
  static Map<String, Object> fromCommandLine(ParseResult parsed) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (OptionSpec option : parsed.matchedOptions()) {
      String key = key(option);
      if (!CLI_ONLY.contains(key)) {
        put(out, key, option.getValue());
      }
    }
    return out;
  }

  /**
   * Reads a YAML file of key: value pairs, checking every key against the command's options and
   * every value against the option's type.
   *
   * @throws UsageException naming the file, the key, the value found and what is allowed
   */
  /** The largest config file read. */
  static final long MAX_CONFIG_BYTES = 256 * 1024;

  /**
   * Refuses anchors and aliases ({@code &a}, {@code *a}): a config is flat option: value pairs,
   * and aliases are how a small file expands into a huge document (an alias bomb).
   */
  private static void requireNoAliases(String file, String text, LoaderOptions options) {
    for (Event event : new Yaml(new SafeConstructor(options)).parse(new StringReader(text))) {
      String anchor = event instanceof AliasEvent a ? a.getAnchor()
          : event instanceof NodeEvent n ? n.getAnchor() : null;
      if (anchor != null) {
        throw new UsageException("config file " + file + ": line "
            + (event.getStartMark().getLine() + 1) + " uses the YAML "
            + (event instanceof AliasEvent ? "alias *" : "anchor &") + anchor
            + "; anchors and aliases are not allowed in a config, write the value out");
      }
    }
  }

  private static String duplicateKey(DuplicateKeyException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    return problem.startsWith("found duplicate key ")
        ? problem.substring("found duplicate key ".length()) : problem;
  }

  static Map<String, Object> fromYaml(String file, CommandSpec spec) {
    Object document;
    try {
      long bytes = Files.size(Path.of(file));
      if (bytes > MAX_CONFIG_BYTES) {
        throw new UsageException("config file " + file + " is " + bytes + " bytes; a config of"
            + " option: value lines is at most " + MAX_CONFIG_BYTES + " bytes");
      }
      String text = Files.readString(Path.of(file));
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(0);
      requireNoAliases(file, text, options);
      document = new Yaml(new SafeConstructor(options)).load(text);
    } catch (DuplicateKeyException e) {
      throw new UsageException("config file " + file + ": key '" + duplicateKey(e) + "' is given"
          + " twice (line " + (e.getProblemMark().getLine() + 1) + "); keep one", e);
    } catch (NoSuchFileException e) {
      throw new UsageException("config file not found: " + file + " (--config)");
    } catch (IOException e) {
      throw new UsageException("cannot read config file " + file + ": " + e.getMessage(), e);
    } catch (YAMLException e) {
      throw new UsageException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (document == null) {
      return out;
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new UsageException("config file " + file
          + " must be a mapping of option names to values (e.g. 'folds: 5'), found a "
          + typeName(document));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      OptionSpec option = CLI_ONLY.contains(key) ? null : spec.findOption("--" + key);
      if (option == null || !option.longestName().equals("--" + key)) {
        throw new UsageException("config file " + file + ": unknown key '" + key
            + "'; allowed keys: " + String.join(", ", allowedKeys(spec)));
      }
      put(out, key, convert(file, key, e.getValue(), option.type()));
    }
    return out;
  }

  /**
   * The file's settings overridden by the command line's. A split given on the command line
   * ({@code folds} or {@code test-fraction}) replaces the file's split entirely.
   */
  static Map<String, Object> merge(Map<String, Object> file, Map<String, Object> commandLine) {
    Map<String, Object> out = new LinkedHashMap<>(file);
    if (commandLine.containsKey("folds") || commandLine.containsKey("test-fraction")) {
      out.remove("folds");
      out.remove("test-fraction");
    }
    out.putAll(commandLine);
    return out;
  }

  /** Every key a config file may hold, sorted. */
  static List<String> allowedKeys(CommandSpec spec) {
    Set<String> keys = new TreeSet<>();
    for (OptionSpec option : spec.options()) {
      String key = option.longestName().substring(2);
      if (!CLI_ONLY.contains(key)) {
        keys.add(key);
      }
    }
    return new ArrayList<>(keys);
  }

  private static String key(OptionSpec option) {
    return option.longestName().substring(2);
  }

  private static void put(Map<String, Object> out, String key, Object value) {
    if (key.startsWith("no-") && value instanceof Boolean b) {
      String positive = key.substring(3);
      Object previous = out.get(positive);
      if (previous != null && !previous.equals(!b)) {
        throw new UsageException("--" + key + " contradicts --" + positive + "; give only one");
      }
      out.put(positive, !b);
    } else {
      Object previous = out.get(key);
      if (previous != null && !previous.equals(value)) {
        throw new UsageException("--" + key + " contradicts --no-" + key + "; give only one");
      }
      out.put(key, value);
    }
  }

  private static Object convert(String file, String key, Object value, Class<?> type) {
    if (value == null) {
      throw wrongType(file, key, value, "a value");
    }
    if (type == Boolean.class || type == boolean.class) {
      if (value instanceof Boolean) {
        return value;
      }
      throw wrongType(file, key, value, "true or false");
    }
    if (type == Integer.class || type == int.class) {
      if ((value instanceof Integer) || (value instanceof Long l && l == l.intValue())) {
        return ((Number) value).intValue();
      }
      throw wrongType(file, key, value, "an integer");
    }
    if (type == Long.class || type == long.class) {
      if (value instanceof Integer || value instanceof Long) {
        return ((Number) value).longValue();
      }
      throw wrongType(file, key, value, "an integer");
    }
    if (type == Double.class || type == double.class) {
      if (value instanceof Number n) {
        return n.doubleValue();
      }
      throw wrongType(file, key, value, "a number");
    }
    if (type == String.class) {
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        return value.toString();
      }
      if (value instanceof List<?> list && key.equals("feature-columns")) {
        List<String> names = new ArrayList<>();
        list.forEach(v -> names.add(String.valueOf(v)));
        return String.join(",", names);
      }
      if (value instanceof Map<?, ?> map && key.equals("kinds")) {
        List<String> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
      }
      throw wrongType(file, key, value, "a single value (text or number)");
    }
    throw new IllegalStateException("option --" + key + " has unsupported type " + type);
  }

  private static UsageException wrongType(String file, String key, Object value, String what) {
    return new UsageException("config file " + file + ": key '" + key + "' must be " + what
        + ", found " + (value == null ? "nothing" : "'" + value + "' (" + typeName(value) + ")"));
  }

  private static String typeName(Object value) {
    if (value instanceof Map) {
      return "mapping";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof String) {
      return "text";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    return value.getClass().getSimpleName();
  }
}
