package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StimulusRowsTest {
  /**
   * colour (red, blue, red, missing) and size (0, 2, 4, missing: scaled to 0, 0.5, 1), missing
   * distance 0.3: the non-zero distances of a few pairs by hand.
   */
  @Test
  void writesTheNonZeroDistancesOfHandCheckedPairs() {
    FeatureTable table = FeatureTable.builder(List.of("a", "b", "c", "d"))
        .addStrings("colour", new String[] {"red", "blue", "red", null})
        .addNumbers("size", new double[] {0, 2, 4, Double.NaN})
        .build();
    StimulusRows rows =
        FeatureSchema.inferred().withMissingDistance(0.3).encode(table).stimulusRows();
    assertNotNull(rows);
    assertEquals(4, rows.size());
    assertEquals(2, rows.featureCount());
    assertEntries(rows, 0, 1, new int[] {0, 1}, new double[] {1.0, 0.5});
    assertEntries(rows, 1, 0, new int[] {0, 1}, new double[] {1.0, 0.5});
    assertEntries(rows, 0, 2, new int[] {1}, new double[] {1.0});
    assertEntries(rows, 0, 0, new int[] {}, new double[] {});
    assertEntries(rows, 1, 3, new int[] {0, 1}, new double[] {0.3, 0.3});
    assertEntries(rows, 3, 3, new int[] {0, 1}, new double[] {0.3, 0.3});
  }

  /** A missing distance of 0 drops the pairs' missing entries, as a zero distance. */
  @Test
  void aZeroMissingDistanceIsNotAnEntry() {
    FeatureTable table = FeatureTable.builder(List.of("a", "b", "c"))
        .addStrings("colour", new String[] {"red", null, "blue"})
        .addNumbers("size", new double[] {0, 1, 2})
        .build();
    StimulusRows rows =
        FeatureSchema.inferred().withMissingDistance(0.0).encode(table).stimulusRows();
    assertEntries(rows, 0, 1, new int[] {1}, new double[] {0.5});
    assertEntries(rows, 1, 2, new int[] {1}, new double[] {0.5});
    assertEntries(rows, 0, 2, new int[] {0, 1}, new double[] {1.0, 1.0});
  }

  /**
   * Many categorical and ordinal features with missing values: every pair's entries are the
   * non-zero values of {@link EncodedFeatures#delta} (computed feature by feature, pair by
   * pair), bit for bit, in feature order; the dense rows are its values; and a set with a
   * simplex feature besides, whose distances are computed feature by feature over blocks of
   * pairs, has the same distances on the other features.
   */
  @Test
  void matchesTheDistancesOfEachPairBitForBit() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 60;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
    }
    FeatureTable.Builder builder = FeatureTable.builder(ids);
    for (int g = 0; g < 9; g++) {
      double missing = g % 3 == 0 ? 0.5 : 0.0;
      if (g % 2 == 0) {
        String[] level = new String[n];
        for (int i = 0; i < n; i++) {
          level[i] = random.nextDouble() < missing ? null : "l" + random.nextInt(2 + g);
        }
        builder.addStrings("c" + g, level);
      } else {
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
          value[i] = random.nextDouble() < missing ? Double.NaN
              : random.nextDouble() < 0.3 ? 1.0 : random.nextDouble() * 7;
        }
        builder.addNumbers("o" + g, value);
      }
    }
    String[] shape = new String[n];
    for (int i = 0; i < n; i++) {
      shape[i] = "s" + random.nextInt(3);
    }
    FeatureTable table = builder.build();
    FeatureTable withSimplex = builder.addStrings("shape", shape).build();
    int[] first = new int[n * n];
    int[] second = new int[n * n];
    for (int i = 0, k = 0; i < n; i++) {
      for (int j = 0; j < n; j++, k++) {
        first[k] = i;
        second[k] = j;
      }
    }
    for (double fill : new double[] {1.0, 0.4}) {
      EncodedFeatures features =
          FeatureSchema.inferred().withMissingDistance(fill).encode(table);
      StimulusRows rows = features.stimulusRows();
      int f = features.featureCount();
      double[] dense = new double[n * n * f + 3];
      rows.distances(first, second, 0, n * n, dense, 3);
      EncodedFeatures blocks = FeatureSchema.inferred().withMissingDistance(fill)
          .withKind("shape", FeatureKind.SIMPLEX).encode(withSimplex);
      assertNull(blocks.stimulusRows());
      double[] byBlocks = new double[n * n * blocks.featureCount()];
      blocks.deltas(first, second, 0, n * n, byBlocks);
      double[] expected = new double[f];
      int[] feature = new int[f];
      double[] value = new double[f];
      for (int k = 0; k < n * n; k++) {
        features.delta(first[k], second[k], expected, 0);
        int m = rows.nonZeroDistances(first[k], second[k], feature, value, 0);
        int x = 0;
        for (int a = 0; a < f; a++) {
          double d = expected[a];
          assertBits(d, dense[3 + k * f + a], "pair " + k + " feature " + a);
          assertBits(d, byBlocks[k * blocks.featureCount() + a], "pair " + k + " feature " + a);
          if (d != 0.0) {
            assertEquals(a, feature[x], "pair " + k + " entry " + x);
            assertBits(d, value[x], "pair " + k + " feature " + a);
            x++;
          }
        }
        assertEquals(x, m, "pair " + k);
      }
    }
  }

  private static void assertBits(double expected, double actual, String where) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        where + ": " + expected + " vs " + actual);
  }

  /** A simplex feature has several components: no rows, the caller uses the dense distances. */
  @Test
  void aSimplexFeatureHasNoRows() {
    FeatureTable table = FeatureTable.builder(List.of("a", "b", "c"))
        .addStrings("colour", new String[] {"red", "blue", "green"})
        .addNumbers("size", new double[] {0, 1, 2})
        .build();
    assertNull(FeatureSchema.inferred().withKind("colour", FeatureKind.SIMPLEX).encode(table)
        .stimulusRows());
  }

  private static void assertEntries(StimulusRows rows, int i, int j, int[] features,
      double[] values) {
    int[] feature = new int[rows.featureCount() + 2];
    double[] value = new double[rows.featureCount() + 2];
    Arrays.fill(feature, -1);
    int m = rows.nonZeroDistances(i, j, feature, value, 2);
    assertEquals(features.length, m, "pair (" + i + ", " + j + ")");
    assertArrayEquals(features, Arrays.copyOfRange(feature, 2, 2 + m));
    assertArrayEquals(values, Arrays.copyOfRange(value, 2, 2 + m), 0.0);
  }
}
