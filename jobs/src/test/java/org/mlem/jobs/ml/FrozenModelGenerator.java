package org.mlem.jobs.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.testing.FrozenFiles;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * How {@code src/test/resources/frozen/mllib-model} was made (once, from main on 2026-12-02):
 * {@link MlTestData} (seed 4: binary f0-f2, ordinal {@code size} with a missing value, 2-d
 * vector {@code pos}) fitted by {@link MlTestData#quickEstimator} (seed 5), saved with
 * {@link MLEMModel#save}. It also writes {@code mllib-model-saved.txt}: what the saved
 * {@code data/features} table holds, read back with plain Spark SQL (not the model's reader), one
 * line per feature; {@code frozen_model_expected.py} reads that file to compute the expected
 * predictions of {@link FrozenModelTest} independently. Skipped unless
 * {@code -Dmlem.frozen.out=DIR} is given (see FrozenRunGenerator for the command); regenerating
 * replaces a frozen format, so do it only when a format change is intended.
 */
class FrozenModelGenerator {
  @TempDir Path tmp;

  @Test
  @EnabledIfSystemProperty(named = "mlem.frozen.out", matches = ".+")
  void writeFrozenModel() throws IOException {
    Path out = Path.of(System.getProperty("mlem.frozen.out"));
    SparkSession spark = SparkTestSession.local(2, "FrozenModelGenerator");
    MLEMModel model = MlTestData.quickEstimator(5).fit(MlTestData.generate(4).frame(spark));
    Path saved = tmp.resolve("mllib-model");
    model.save(saved.toString());
    StringBuilder text = new StringBuilder(
        "# name|value_type|kind|categories|min|max|missing_distance|weights (W row)\n");
    List<Row> rows = spark.read().parquet(saved.resolve("data/features").toString())
        .orderBy("index").collectAsList();
    for (Row r : rows) {
      text.append(r.<String>getAs("name")).append('|').append(r.<String>getAs("value_type"))
          .append('|').append(r.<String>getAs("kind")).append('|')
          .append(String.join(",", r.<String>getList(r.fieldIndex("categories")))).append('|')
          .append(join(r, "min")).append('|').append(join(r, "max")).append('|')
          .append(Double.toString(r.getAs("missing_distance"))).append('|')
          .append(join(r, "weights")).append('\n');
    }
    Path target = out.resolve("mllib-model");
    FrozenFiles.copyWithoutChecksums(saved, target);
    Files.writeString(out.resolve("mllib-model-saved.txt"), text);
    spark.stop();
  }

  private static String join(Row r, String column) {
    StringBuilder sb = new StringBuilder();
    for (Double d : r.<Double>getList(r.fieldIndex(column))) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(Double.toString(d));
    }
    return sb.toString();
  }
}
