package org.mlem.jobs.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlem.core.distance.Representations;

/**
 * Converts a DataFrame of representations (an id column plus one array&lt;float|double&gt; or
 * ML Vector column, or wide numeric columns) into core {@link Representations} (float32),
 * collecting it to the driver. Ragged rows, non-numeric values, NaN or infinite values are an
 * {@link InputException} naming the id and column.
 */
public final class RepresentationFrames {
  private RepresentationFrames() {}

  /**
   * @param frame the representations
   * @param idColumn the id column (cast to string)
   * @param vectorColumn the array/vector column, or null to detect (single array/vector column,
   *     else wide numeric columns)
   * @param source the file or table name used in error messages
   */
  public static Representations toRepresentations(
      Dataset<Row> frame, String idColumn, String vectorColumn, String source) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
