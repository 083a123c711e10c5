package org.mlem.jobs.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.mlem.core.config.Option;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.jobs.fit.UsageException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * A {@code --config} YAML file: a mapping of option keys (as in the command's option table, e.g.
 * {@code test-fraction: 0.3}, or a negation such as {@code no-report: true}) to values, each
 * value read and checked by its table entry. Unknown keys, wrong types, duplicate keys, anchors
 * and aliases, and files over {@link #MAX_CONFIG_BYTES} are refused with the file, the key and
 * what is allowed. Loaded with SnakeYAML's SafeConstructor (no global tags).
 */
final class ConfigFile {
  /** The largest config file read. */
  static final long MAX_CONFIG_BYTES = 256 * 1024;

  private ConfigFile() {}

  /**
   * Reads the file's settings.
   *
   * @throws UsageException naming the file, the key, the value found and what is allowed
   */
  static Settings read(String file, OptionTable table) {
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
    Settings s = Settings.empty();
    if (document == null) {
      return s;
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new UsageException("config file " + file
          + " must be a mapping of option names to values (e.g. 'folds: 5'), found a "
          + kind(document));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Option<?> negated = CommandOptions.negated(table, key);
      if (negated != null) {
        if (!(e.getValue() instanceof Boolean b)) {
          throw new UsageException("config file " + file + ": key '" + key
              + "' must be true or false, found '" + e.getValue() + "'");
        }
        s = CommandOptions.with(s, negated, !b, key);
        continue;
      }
      Option<?> option;
      Object value;
      try {
        option = table.require(key, "config file " + file);
        value = option.fromYaml(e.getValue());
      } catch (IllegalArgumentException bad) {
        String m = bad.getMessage();
        throw new UsageException(m.startsWith("config file ") ? m
            : "config file " + file + ": key '" + m.replaceFirst(" ", "' "), bad);
      }
      s = CommandOptions.with(s, option, value, key);
    }
    return s;
  }

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

  private static String kind(Object value) {
    return value instanceof java.util.List ? "list" : value instanceof String ? "text"
        : value instanceof Number ? "number" : value instanceof Boolean ? "boolean"
        : value.getClass().getSimpleName();
  }
}
