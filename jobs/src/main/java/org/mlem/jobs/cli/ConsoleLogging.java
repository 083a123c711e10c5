package org.mlem.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The log levels the command line sets at run time; the defaults are in
 * {@code conf/log4j2.properties} (quiet: warnings that matter to the user, nothing else).
 * {@code --verbose} brings back Spark's and MLEM's INFO lines; an interruption (Ctrl-C) turns
 * logging off, so that the jobs being cancelled and Spark's shutdown print nothing.
 */
final class ConsoleLogging {
  private ConsoleLogging() {}

  /** Spark's and MLEM's INFO lines on stderr ({@code --verbose}). */
  static void verbose() {
    try {
      Configurator.setRootLevel(Level.INFO);
      Configurator.setLevel("org.apache.spark", Level.INFO);
      Configurator.setLevel("org.mlem", Level.INFO);
    } catch (LinkageError | RuntimeException e) {
      // another logging backend than Log4j 2: its own configuration applies
    }
  }

  /** No log line at all from now on (the process is being interrupted). */
  static void off() {
    try {
      Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
    } catch (LinkageError | RuntimeException e) {
      // another logging backend than Log4j 2: nothing to silence through it
    }
  }
}
