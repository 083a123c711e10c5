package org.mlem.core.batchsize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.rank.Correlation;
import org.mlem.core.sim.LanguageLikeDataset;
import org.mlem.core.sim.SyntheticTables;

/** Batch-size estimation (paper, Appendix C). */
class BatchSizeEstimatorTest {

  private static int[] all(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  private static List<String> ids(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = "s" + i;
    }
    return List.of(out);
  }

  @Test
  void correlationsMatchPearsonOfSquaredDistances() {
    double[] delta = {0, 1, 0.5, 1, 0, 0.2, 1, 1, 0.9, 0, 0, 0.1, 1, 0, 1};
    int rows = 5;
    double[] corr = BatchSizeEstimator.squaredDistanceCorrelations(delta, rows, 3);
    double[][] col = new double[3][rows];
    for (int r = 0; r < rows; r++) {
      for (int a = 0; a < 3; a++) {
        col[a][r] = delta[r * 3 + a] * delta[r * 3 + a];
      }
    }
    assertEquals(Correlation.pearson(col[0], col[1]), corr[0], 1e-12);
    assertEquals(Correlation.pearson(col[0], col[2]), corr[1], 1e-12);
    assertEquals(Correlation.pearson(col[1], col[2]), corr[2], 1e-12);
  }

  @Test
  void aConstantColumnWithinABatchIsUndefined() {
    double[] delta = {0, 1, 0, 0, 0, 1};
    double[] corr = BatchSizeEstimator.squaredDistanceCorrelations(delta, 3, 2);
    assertTrue(Double.isNaN(corr[0]));
  }

  @Test
  void paperShapedFeaturesGiveAboutTwentyThousand() {
    // 12 balanced features shaped like the paper's Table S1: the paper reports about 20,000.
    EncodedFeatures f = FeatureSchema.inferred().encode(
        SyntheticTables.features(LanguageLikeDataset.generate(7700, 4, 1)));
    BatchSizeEstimate e = BatchSizeEstimator.estimate(f, all(7700), 1, BatchSizeConfig.defaults());
    assertTrue(e.batchSize() > 8_000 && e.batchSize() < 50_000, "batch size " + e.batchSize());
    assertTrue(e.maxStd() < 0.01);
    assertTrue(e.warnings().isEmpty(), e.warnings().toString());
    // deterministic by seed
    assertEquals(e, BatchSizeEstimator.estimate(f, all(7700), 1, BatchSizeConfig.defaults()));
  }

  @Test
  void warnsAboutCorrelatedFeatures() {
    int n = 400;
    String[] a = new String[n];
    String[] b = new String[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % 2 == 0 ? "x" : "y";
      b[i] = i % 2 == 0 ? "p" : (i % 10 == 1 ? "p" : "q"); // mostly a copy of a
      c[i] = (i * 7919) % 13;
    }
    FeatureTable table = FeatureTable.builder(ids(n)).addStrings("number", a)
        .addStrings("agreement", b).addNumbers("frequency", c).build();
    BatchSizeEstimate e = BatchSizeEstimator.estimate(
        FeatureSchema.inferred().encode(table), all(n), 3, BatchSizeConfig.defaults());
    assertEquals(1, e.warnings().size(), e.warnings().toString());
    assertTrue(e.warnings().get(0).startsWith("correlated features"));
    assertTrue(e.warnings().get(0).contains("number~agreement"));
  }

  @Test
  void skipsEstimationWithOneFeature() {
    FeatureTable table = FeatureTable.builder(ids(10))
        .addNumbers("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).build();
    BatchSizeEstimate e = BatchSizeEstimator.estimate(
        FeatureSchema.inferred().encode(table), all(10), 1, BatchSizeConfig.defaults());
    assertEquals(256, e.batchSize());
    assertEquals(0, e.rounds());
    assertTrue(e.warnings().get(0).startsWith("batch-size estimation skipped"));
  }

  @Test
  void smallDatasetsUseEveryPair() {
    String[] a = new String[30];
    String[] b = new String[30];
    for (int i = 0; i < 30; i++) {
      a[i] = i % 2 == 0 ? "x" : "y";
      b[i] = i % 3 == 0 ? "p" : "q";
    }
    FeatureTable table = FeatureTable.builder(ids(30)).addStrings("a", a).addStrings("b", b)
        .build();
    BatchSizeEstimate e = BatchSizeEstimator.estimate(
        FeatureSchema.inferred().encode(table), all(30), 1, BatchSizeConfig.defaults());
    assertEquals(30 * 29 / 2, e.batchSize());
  }

  @Test
  void configValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BatchSizeConfig(256, 16, 0.01, 1.0, 1 << 20, 0.5));
    assertEquals("growth must be > 1, found 1.0", e.getMessage());
  }
}
