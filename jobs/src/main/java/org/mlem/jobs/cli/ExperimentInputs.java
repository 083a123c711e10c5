package org.mlem.jobs.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.LoadedInputs;

/**
 * The inputs of an experiment command (robustness, efficiency): read once as {@code mlem fit}
 * reads them (with --ids-from; through Spark, or on the driver for the in-process engine),
 * announced on the console; a bad value in them is an {@link InputException} (exit code 2).
 */
final class ExperimentInputs {
  private ExperimentInputs() {}

  static LoadedInputs load(SparkSession spark, FitSettings settings, PrintWriter console) {
    announce(settings, console);
    try {
      return InputLoader.load(spark, settings.features(), settings.representations(),
          settings.idsFrom());
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  /**
   * The inputs read on the driver without Spark, as {@code mlem fit}'s in-process engine reads
   * them, or empty (nothing printed) when they need Spark or exceed {@code budgetBytes}
   * (n x D x 4 bytes).
   */
  static Optional<LoadedInputs> loadWithoutSpark(Configuration conf, FitSettings settings,
      long budgetBytes, PrintWriter console) {
    Optional<LoadedInputs> read;
    try {
      read = InputLoader.loadWithoutSpark(conf, settings.features(), settings.representations(),
          settings.idsFrom(), budgetBytes);
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    if (read.isEmpty() || read.get().matrixBytes() > budgetBytes) {
      return Optional.empty();
    }
    announce(settings, console);
    return read;
  }

  private static void announce(FitSettings settings, PrintWriter console) {
    console.println("loading " + settings.features().uri() + " and "
        + settings.representations().uri());
    console.flush();
  }
}
