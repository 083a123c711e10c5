package org.mlem.jobs.cli;

import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.LoadedInputs;

/**
 * The inputs of an experiment command (robustness, efficiency): read once through Spark as
 * {@code mlem fit} reads them (with --ids-from), announced on the console; a bad value in them
 * is an {@link InputException} (exit code 2).
 */
final class ExperimentInputs {
  private ExperimentInputs() {}

  static LoadedInputs load(SparkSession spark, FitSettings settings, PrintWriter console) {
    console.println("loading " + settings.features().uri() + " and "
        + settings.representations().uri());
    console.flush();
    try {
      return InputLoader.load(spark, settings.features(), settings.representations(),
          settings.idsFrom());
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }
}
