package org.mlem.jobs.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlem.core.sim.SyntheticDataset;

/** Writes a generated dataset as the CSV inputs of a fit: features.csv and representations.csv. */
final class ReportTestData {
  private ReportTestData() {}

  /** Writes {@code dir/features.csv}. */
  static Path features(SyntheticDataset data, Path dir) throws IOException {
    Files.createDirectories(dir);
    String csv = org.mlem.core.sim.SyntheticTables.featuresCsv(data);
    return Files.writeString(dir.resolve("features.csv"), csv);
  }

  /** Writes {@code dir/name} with columns id, v0, v1, ... */
  static Path representations(SyntheticDataset data, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    int dims = data.dims();
    StringBuilder csv = new StringBuilder("id");
    for (int d = 0; d < dims; d++) {
      csv.append(",v").append(d);
    }
    csv.append('\n');
    float[] values = data.representations();
    for (int i = 0; i < data.size(); i++) {
      csv.append(data.ids().get(i));
      for (int d = 0; d < dims; d++) {
        csv.append(',').append(values[i * dims + d]);
      }
      csv.append('\n');
    }
    return Files.writeString(dir.resolve(name), csv);
  }
}
