package org.mlem.core.sim;

import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureTable;

/**
 * Converts a {@link SyntheticDataset} into the types the method consumes: its feature columns
 * into a {@link FeatureTable} (categorical columns as strings, ordinal ones as numbers) and its
 * float32 matrix into {@link Representations}, both keyed by the dataset's ids.
 */
public final class SyntheticTables {
  private SyntheticTables() {}

  /** The feature table of the dataset. */
  public static FeatureTable features(SyntheticDataset dataset) {
    FeatureTable.Builder builder = FeatureTable.builder(dataset.ids());
    for (SyntheticColumn column : dataset.features()) {
      if (column.categorical()) {
        builder.addStrings(column.name(), column.categories());
      } else {
        builder.addNumbers(column.name(), column.numbers());
      }
    }
    return builder.build();
  }

  /**
   * The feature table as CSV text: a header {@code id,<feature>...}, then one line per stimulus,
   * categories as text and numbers as Java's shortest round trip ({@code Double.toString}), so
   * that reading it back gives the same values. Used by the demo, the benchmarks and the tests
   * to write the generated data as users hold it.
   */
  public static String featuresCsv(SyntheticDataset dataset) {
    StringBuilder csv = new StringBuilder("id");
    for (SyntheticColumn c : dataset.features()) {
      csv.append(',').append(c.name());
    }
    csv.append('\n');
    for (int i = 0; i < dataset.size(); i++) {
      csv.append(dataset.ids().get(i));
      for (SyntheticColumn c : dataset.features()) {
        csv.append(',').append(c.categorical() ? c.categories()[i] : c.numbers()[i]);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** The representations of the dataset (validated: finite values). */
  public static Representations representations(SyntheticDataset dataset) {
    return Representations.of(dataset.ids(), dataset.representations(), dataset.dims());
  }
}
