package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {
  private static final double EXACT = 1e-15;
  private static final List<String> IDS = List.of("s1", "s2", "s3", "s4");

  private static FeatureTable table() {
    return FeatureTable.builder(IDS)
        .addStrings("voice", new String[] {"active", "passive", "active", null})
        .addBooleans("plural", new Boolean[] {true, false, false, true})
        .addNumbers("length", new double[] {2, 4, Double.NaN, 6})
        .addVectors("pos", new double[][] {{0, 10, 5}, {1, 30, 5}, null, {2, 20, 5}})
        .addStrings("code", new String[] {"1", "3", "2", "5"})
        .build();
  }

  private static double[] delta(EncodedFeatures e, int i, int j) {
    double[] out = new double[e.featureCount()];
    e.delta(i, j, out, 0);
    return out;
  }

  @Test
  void inferredSchemaEncodesEveryKind() {
    EncodedFeatures e = FeatureSchema.inferred().encode(table());
    assertEquals(List.of("voice", "plural", "length", "pos", "code"), e.names());
    assertEquals(5, e.featureCount());
    assertEquals(4, e.size());
    assertEquals(IDS, e.ids());
    assertEquals(FeatureKind.CATEGORICAL, e.kind(0));
    assertEquals(FeatureKind.ORDINAL, e.kind(2));
    assertEquals(FeatureKind.VECTOR, e.kind(3));
    assertEquals(FeatureKind.CATEGORICAL, e.kind(4));
    // (0, 1): voice differs, plural differs, length |0 - 0.5|, pos: components scaled
    // (0, 0) and (0.5, 1) (third constant) -> sqrt((0.25 + 1) / 3), code differs.
    double[] d01 = delta(e, 0, 1);
    assertEquals(1.0, d01[0], EXACT);
    assertEquals(1.0, d01[1], EXACT);
    assertEquals(0.5, d01[2], EXACT);
    assertEquals(Math.sqrt(1.25 / 3), d01[3], EXACT);
    assertEquals(1.0, d01[4], EXACT);
    // (0, 2): voice equal, plural differs, length missing, pos missing, code differs.
    double[] d02 = delta(e, 0, 2);
    assertEquals(0.0, d02[0], EXACT);
    assertEquals(1.0, d02[1], EXACT);
    assertEquals(0.0, d02[2], EXACT);
    assertEquals(0.0, d02[3], EXACT);
    // (1, 3): voice missing -> 0; length |0.5 - 1|.
    double[] d13 = delta(e, 1, 3);
    assertEquals(0.0, d13[0], EXACT);
    assertEquals(0.5, d13[2], EXACT);
    assertEquals(Math.sqrt((0.25 + 0.25) / 3), d13[3], EXACT);
  }

  @Test
  void missingDistanceIsConfigurable() {
    EncodedFeatures e = FeatureSchema.inferred().withMissingDistance(0.5).encode(table());
    assertEquals(0.5, e.missingDistance());
    double[] d02 = delta(e, 0, 2);
    assertEquals(0.5, d02[2], EXACT);
    assertEquals(0.5, d02[3], EXACT);
    assertEquals(0.5, delta(e, 1, 3)[0], EXACT);
    assertEquals("missing distance must be in [0, 1], found 1.5",
        assertThrows(IllegalArgumentException.class,
            () -> FeatureSchema.inferred().withMissingDistance(1.5)).getMessage());
  }

  @Test
  void selectionAndKindOverrides() {
    EncodedFeatures e = FeatureSchema.inferred()
        .select(List.of("code", "length"))
        .withKind("code", FeatureKind.ORDINAL)
        .withKind("length", FeatureKind.CATEGORICAL)
        .encode(table());
    assertEquals(List.of("code", "length"), e.names());
    assertEquals(FeatureKind.ORDINAL, e.kind(0));
    assertEquals(FeatureKind.CATEGORICAL, e.kind(1));
    double[] d01 = delta(e, 0, 1); // code 1 vs 3 over [1, 5]; length 2 vs 4 differ
    assertEquals(0.5, d01[0], EXACT);
    assertEquals(1.0, d01[1], EXACT);
    // Boolean declared ordinal: false = 0, true = 1.
    EncodedFeatures b = FeatureSchema.inferred().select(List.of("plural"))
        .withKind("plural", FeatureKind.ORDINAL).encode(table());
    assertEquals(1.0, delta(b, 0, 1)[0], EXACT);
  }

  @Test
  void unknownNamesListAvailableFeatures() {
    String available = "; available features: voice, plural, length, pos, code";
    assertEquals("feature selection names unknown feature 'tense'" + available,
        assertThrows(IllegalArgumentException.class,
            () -> FeatureSchema.inferred().select(List.of("voice", "tense")).encode(table()))
            .getMessage());
    assertEquals("feature kind declaration names unknown feature 'mood'" + available,
        assertThrows(IllegalArgumentException.class,
            () -> FeatureSchema.inferred().withKind("mood", FeatureKind.ORDINAL).encode(table()))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureSchema.inferred().select(List.of()));
  }

  @Test
  void kindsMustFitTheColumn() {
    FeatureTable t = FeatureTable.builder(IDS)
        .addStrings("voice", new String[] {"1", "2.5", "passive", "3"}).build();
    assertEquals(
        "feature 'voice' is declared ORDINAL but stimulus 's3' (row 2) has the value 'passive',"
            + " which is not a finite number; declare it CATEGORICAL or fix the value",
        assertThrows(IllegalArgumentException.class,
            () -> FeatureSchema.inferred().withKind("voice", FeatureKind.ORDINAL).encode(t))
            .getMessage());
    assertEquals("feature 'voice' is a string column; kind VECTOR needs a vector column",
        assertThrows(IllegalArgumentException.class,
            () -> FeatureSchema.inferred().withKind("voice", FeatureKind.VECTOR).encode(t))
            .getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FeatureSchema.inferred().withKind("pos", FeatureKind.ORDINAL).encode(table()));
  }

  @Test
  void constantFeaturesAreRejectedTogether() {
    FeatureTable t = FeatureTable.builder(IDS)
        .addStrings("tense", new String[] {"past", "past", null, "past"})
        .addNumbers("ok", new double[] {1, 2, 3, 4})
        .addNumbers("voice", new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN})
        .addVectors("flat", new double[][] {{1, 2}, {1, 2}, null, {1, 2}})
        .build();
    assertEquals(
        "constant features (their distance is 0 for every pair): tense, voice, flat; remove them"
            + " from the feature selection",
        assertThrows(IllegalArgumentException.class, () -> FeatureSchema.inferred().encode(t))
            .getMessage());
    assertEquals(1, FeatureSchema.inferred().select(List.of("ok")).encode(t).featureCount());
  }

  @Test
  void numericCategoriesTreatNegativeZeroAsZero() {
    FeatureTable t = FeatureTable.builder(IDS)
        .addNumbers("n", new double[] {0.0, -0.0, 2, 2}).build();
    EncodedFeatures e = FeatureSchema.inferred().withKind("n", FeatureKind.CATEGORICAL).encode(t);
    assertEquals(0.0, delta(e, 0, 1)[0], 0.0);
    assertEquals(1.0, delta(e, 1, 2)[0], 0.0);
  }

  @Test
  void noFeaturesIsAnError() {
    FeatureTable empty = FeatureTable.builder(IDS).build();
    assertThrows(IllegalArgumentException.class, () -> FeatureSchema.inferred().encode(empty));
  }

  @Test
  void deltasMatchDeltaRowByRow() {
    EncodedFeatures e = FeatureSchema.inferred().withMissingDistance(0.25).encode(table());
    int[] first = {0, 1, 2, 3, 0, 2};
    int[] second = {1, 2, 3, 0, 3, 2};
    int f = e.featureCount();
    double[] out = new double[4 * f];
    e.deltas(first, second, 1, 5, out);
    for (int r = 0; r < 4; r++) {
      double[] expected = delta(e, first[r + 1], second[r + 1]);
      for (int k = 0; k < f; k++) {
        assertEquals(expected[k], out[r * f + k], 0.0, "row " + r + " feature " + k);
        double v = out[r * f + k];
        assertTrue(v >= 0.0 && v <= 1.0, "in [0, 1]: " + v);
      }
    }
  }

  /** Many blocks of rows (the batch is filled a cache-sized block at a time), at an offset. */
  @Test
  void deltasOfALongRangeAtAnOffsetMatchDeltaRowByRow() {
    EncodedFeatures e = FeatureSchema.inferred().withMissingDistance(0.25).encode(table());
    int pairs = 1000;
    int[] first = new int[pairs];
    int[] second = new int[pairs];
    for (int k = 0; k < pairs; k++) {
      first[k] = k % 4;
      second[k] = (k / 4 + k) % 4;
    }
    int f = e.featureCount();
    double[] out = new double[(pairs + 2) * f];
    java.util.Arrays.fill(out, -1.0);
    e.deltas(first, second, 3, pairs, out, 2 * f);
    for (int k = 0; k < 2 * f; k++) {
      assertEquals(-1.0, out[k], 0.0, "before the offset: untouched");
    }
    for (int r = 0; r < pairs - 3; r++) {
      double[] expected = delta(e, first[r + 3], second[r + 3]);
      for (int k = 0; k < f; k++) {
        assertEquals(expected[k], out[2 * f + r * f + k], 0.0, "row " + r + " feature " + k);
      }
    }
    for (int k = (pairs - 1) * f; k < out.length; k++) {
      assertEquals(-1.0, out[k], 0.0, "after the last row: untouched");
    }
  }

  @Test
  void tableAndEncodingSurviveJavaSerialization() throws IOException, ClassNotFoundException {
    FeatureTable table = table();
    EncodedFeatures e = FeatureSchema.inferred().encode(table);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(table);
      out.writeObject(e);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      FeatureTable tableCopy = (FeatureTable) in.readObject();
      EncodedFeatures copy = (EncodedFeatures) in.readObject();
      assertEquals(table.featureNames(), tableCopy.featureNames());
      assertEquals(FeatureKind.VECTOR, tableCopy.inferredKind("pos"));
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          assertEquals(
              Arrays.toString(delta(e, i, j)),
              Arrays.toString(delta(copy, i, j)));
        }
      }
    }
  }
}
