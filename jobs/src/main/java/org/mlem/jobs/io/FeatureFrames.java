package org.mlem.jobs.io;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlem.core.features.FeatureTable;

/**
 * Converts a DataFrame of features (an id column plus feature columns: string, boolean,
 * numeric, array&lt;numeric&gt; or ML Vector) into a core {@link FeatureTable}, collecting it
 * to the driver. Column types map to kinds as in the core's inference; unsupported types are an
 * {@link InputException} in Spark's wording ("Column x must be of type ... but was actually
 * ...").
 */
public final class FeatureFrames {
  private FeatureFrames() {}

  /**
   * @param frame the features
   * @param idColumn the id column (cast to string)
   * @param featureColumns columns to use in order; empty = every column but the id
   * @param source the file or table name used in error messages
   */
  public static FeatureTable toFeatureTable(
      Dataset<Row> frame, String idColumn, List<String> featureColumns, String source) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
