package org.mlem.jobs.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticColumn;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;

/**
 * A small generated fit table (core's simulation study: 60 stimuli, 3 binary features f0-f2,
 * 8 dimensions, noise 0.5) plus an ordinal feature {@code size} (with one missing value) and a
 * 2-d vector feature {@code pos}, both deterministic in the row index, as a DataFrame (id,
 * f0, f1, f2, size, pos array&lt;double&gt;, representation array&lt;float&gt;) and as the core
 * types built independently of the DataFrame converters.
 */
final class MlTestData {
  static final int STIMULI = 60;
  static final List<String> FEATURES = List.of("f0", "f1", "f2", "size", "pos");

  final FeatureTable table;
  final Representations representations;
  final List<Row> rows;

  private MlTestData(FeatureTable table, Representations representations, List<Row> rows) {
    this.table = table;
    this.representations = representations;
    this.rows = rows;
  }

  static MlTestData generate(long seed) {
    SyntheticDataset dataset = SimulationStudy.generate(STIMULI, 3, 8, 0.5, seed);
    List<String> ids = dataset.ids();
    FeatureTable.Builder builder = FeatureTable.builder(ids);
    for (SyntheticColumn column : dataset.features()) {
      builder.addStrings(column.name(), column.categories());
    }
    double[] size = new double[STIMULI];
    double[][] pos = new double[STIMULI][];
    for (int i = 0; i < STIMULI; i++) {
      size[i] = i == 7 ? Double.NaN : (i * 37 % 11) * 0.5 - 1.0;
      pos[i] = new double[] {(i * 13 % 7) / 3.0, (i * 5 % 9) - 4.0};
    }
    builder.addNumbers("size", size).addVectors("pos", pos);
    Representations reps = SyntheticTables.representations(dataset);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < STIMULI; i++) {
      Float[] rep = new Float[reps.dims()];
      for (int d = 0; d < rep.length; d++) {
        rep[d] = reps.value(i, d);
      }
      rows.add(RowFactory.create(ids.get(i), dataset.features().get(0).categories()[i],
          dataset.features().get(1).categories()[i], dataset.features().get(2).categories()[i],
          Double.isNaN(size[i]) ? null : size[i], new Double[] {pos[i][0], pos[i][1]}, rep));
    }
    return new MlTestData(builder.build(), reps, rows);
  }

  static StructType schema() {
    return new StructType()
        .add("id", DataTypes.StringType)
        .add("f0", DataTypes.StringType)
        .add("f1", DataTypes.StringType)
        .add("f2", DataTypes.StringType)
        .add("size", DataTypes.DoubleType)
        .add("pos", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("representation", DataTypes.createArrayType(DataTypes.FloatType));
  }

  Dataset<Row> frame(SparkSession spark) {
    return spark.createDataFrame(rows, schema());
  }

  /** A quick estimator: 20 steps, batches of 120 pairs, 2 permutations, 2 tasks. */
  static MLEM quickEstimator(long seed) {
    return new MLEM().setSeed(seed).setMaxSteps(20).setBatchSize(120).setPermutations(2)
        .setPartitions(2);
  }
}
