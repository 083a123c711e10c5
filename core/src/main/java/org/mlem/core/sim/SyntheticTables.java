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

  /** The representations of the dataset (validated: finite values). */
  public static Representations representations(SyntheticDataset dataset) {
    return Representations.of(dataset.ids(), dataset.representations(), dataset.dims());
  }
}
