package org.mlem.jobs.cli;

import org.mlem.core.config.Option;
import org.mlem.core.config.OptionTable;
import org.mlem.core.config.Settings;
import org.mlem.core.config.ValueType;
import org.mlem.jobs.fit.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line derived from the option tables: each command that declares a table
 * ({@link TableCommand}) gets one picocli option per table entry ({@code --key}, plus
 * {@code --no-key} for a negatable flag) with the entry's doc, rule and default as help, and its
 * values are read back through the same entries ({@link #settings}), flags over the
 * {@code --config} file ({@link ConfigFile}). So a command line, a config file and the MLlib
 * params accept, default and check every option identically.
 */
final class CommandOptions {
  private CommandOptions() {}

  /** A command whose options are an option table (besides {@code --config} and help). */
  interface TableCommand {
    /** The options the command accepts. */
    OptionTable optionTable();
  }

  /** Adds the table options of this command and of every subcommand; returns the same line. */
  static CommandLine install(CommandLine cmd) {
    if (cmd.getCommand() instanceof TableCommand t) {
      addTo(cmd.getCommandSpec(), t.optionTable());
    }
    for (CommandLine sub : cmd.getSubcommands().values()) {
      install(sub);
    }
    return cmd;
  }

  /** A command line of one command with its table options (for tests and dry runs). */
  static CommandLine of(Object command) {
    return install(new CommandLine(command));
  }

  private static void addTo(CommandSpec spec, OptionTable table) {
    for (Option<?> o : table.options()) {
      boolean flag = o.type().shape() == ValueType.Shape.BOOLEAN;
      OptionSpec.Builder b = OptionSpec.builder("--" + o.key())
          .description(escape(o.fullDoc()));
      if (flag) {
        b.type(Boolean.class).arity("0");
      } else {
        b.type(String.class).paramLabel(o.label()).arity("1");
      }
      spec.addOption(b.build());
      if (o.negation() != null) {
        spec.addOption(OptionSpec.builder("--" + o.negation()).type(Boolean.class).arity("0")
            .description(escape(o.negationDoc())).build());
      }
    }
  }

  /** Picocli reads descriptions as format strings. */
  private static String escape(String text) {
    return text.replace("%", "%%");
  }

  /** The options that choose the split: one of them on the command line replaces the file's. */
  private static final java.util.Set<String> SPLIT_KEYS =
      java.util.Set.of("folds", "test-fraction", "split-column", "split-file");

  /**
   * The command's settings: its {@code --config} file (if given) overridden by its flags. A
   * split given on the command line ({@code folds}, {@code test-fraction}, {@code split-column}
   * or {@code split-file}) replaces the file's split entirely.
   *
   * @throws UsageException naming the option or key, the value and what is allowed
   */
  static Settings settings(ParseResult parsed, OptionTable table) {
    Settings flags = fromCommandLine(parsed, table);
    if (!parsed.hasMatchedOption("--config")) {
      return flags;
    }
    Settings file = ConfigFile.read(parsed.matchedOptionValue("--config", (String) null), table);
    if (flags.given().keySet().stream().anyMatch(o -> SPLIT_KEYS.contains(o.key()))) {
      for (Option<?> o : file.given().keySet()) {
        if (SPLIT_KEYS.contains(o.key())) {
          file = file.without(o);
        }
      }
    }
    return file.overriddenBy(flags);
  }

  /** The options given on the command line, parsed and checked by their table entries. */
  static Settings fromCommandLine(ParseResult parsed, OptionTable table) {
    Settings s = Settings.empty();
    for (OptionSpec spec : parsed.matchedOptions()) {
      String name = spec.longestName().substring(2);
      Option<?> option = table.find(name).orElse(null);
      if (option != null) {
        s = put(s, option, option.type().shape() == ValueType.Shape.BOOLEAN ? "true"
            : (String) spec.getValue(), name);
        continue;
      }
      for (Option<?> o : table.options()) {
        if (name.equals(o.negation())) {
          s = put(s, o, "false", name);
        }
      }
    }
    return s;
  }

  /** The table entry of a negation key ({@code no-report}), if any. */
  static Option<?> negated(OptionTable table, String key) {
    for (Option<?> o : table.options()) {
      if (key.equals(o.negation())) {
        return o;
      }
    }
    return null;
  }

  /**
   * Adds one value, refusing a flag and its negation together.
   *
   * @param given the name as given ({@code no-interactions}), for messages
   */
  static Settings put(Settings s, Option<?> option, String text, String given) {
    Object value;
    try {
      value = option.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage(), e);
    }
    return with(s, option, value, given);
  }

  @SuppressWarnings("unchecked")
  static <T> Settings with(Settings s, Option<T> option, Object value, String given) {
    if (s.has(option) && !s.get(option).equals(value)) {
      String other = given.equals(option.key()) ? option.negation() : option.key();
      throw new UsageException("--" + given + " contradicts --" + other + "; give only one");
    }
    return s.with(option, (T) value);
  }

}
