package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
  private static final List<String> IDS = List.of("s1", "s2", "s3");

  @Test
  void buildsColumnsWithInferredKinds() {
    FeatureTable table = FeatureTable.builder(IDS)
        .addStrings("voice", new String[] {"active", "passive", null})
        .addBooleans("plural", new Boolean[] {true, false, null})
        .addNumbers("length", new double[] {3, Double.NaN, 5})
        .addVectors("embedding", new double[][] {{1, 2}, null, {3, 4}})
        .build();
    assertEquals(3, table.size());
    assertEquals(IDS, table.ids());
    assertEquals(List.of("voice", "plural", "length", "embedding"), table.featureNames());
    assertEquals(FeatureKind.CATEGORICAL, table.inferredKind("voice"));
    assertEquals(FeatureKind.CATEGORICAL, table.inferredKind("plural"));
    assertEquals(FeatureKind.ORDINAL, table.inferredKind("length"));
    assertEquals(FeatureKind.VECTOR, table.inferredKind("embedding"));
    assertEquals("unknown feature 'tense'; available features: voice, plural, length, embedding",
        assertThrows(IllegalArgumentException.class, () -> table.inferredKind("tense"))
            .getMessage());
  }

  @Test
  void idsMustBeUniqueWithUpToFiveExamples() {
    List<String> ids = List.of("a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f");
    assertEquals(
        "feature table: stimulus ids must be unique, found duplicates: a, b, c, d, e",
        assertThrows(IllegalArgumentException.class, () -> FeatureTable.builder(ids))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureTable.builder(List.of("a", "")));
    assertThrows(IllegalArgumentException.class, () -> FeatureTable.builder(List.of()));
  }

  @Test
  void columnsNeedOneValuePerStimulusAndUniqueNames() {
    FeatureTable.Builder builder = FeatureTable.builder(IDS);
    assertEquals(
        "feature table: column 'voice' must have one value per stimulus, expected 3, found 2",
        assertThrows(IllegalArgumentException.class,
            () -> builder.addStrings("voice", new String[2])).getMessage());
    builder.addNumbers("x", new double[3]);
    assertEquals("feature table: feature names must be unique, found 'x' twice",
        assertThrows(IllegalArgumentException.class,
            () -> builder.addNumbers("x", new double[3])).getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.addNumbers(" ", new double[3]));
  }

  @Test
  void infiniteNumbersNameFeatureAndStimulus() {
    assertEquals(
        "feature 'length': stimulus 's2' (row 1) has Infinity; values must be finite (NaN ="
            + " missing)",
        assertThrows(IllegalArgumentException.class, () -> FeatureTable.builder(IDS)
            .addNumbers("length", new double[] {1, Double.POSITIVE_INFINITY, 2})).getMessage());
  }

  @Test
  void vectorsMustShareOneLengthAndBeFinite() {
    assertEquals(
        "feature 'e': stimulus 's3' (row 2) has a vector of length 3, expected 2 (the length of"
            + " stimulus 's1')",
        assertThrows(IllegalArgumentException.class, () -> FeatureTable.builder(IDS)
            .addVectors("e", new double[][] {{1, 2}, null, {1, 2, 3}})).getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureTable.builder(IDS)
        .addVectors("e", new double[][] {{1, 2}, {Double.NaN, 1}, {1, 2}}));
  }

  @Test
  void valuesAreCopied() {
    double[] values = {1, 2, 3};
    FeatureTable table = FeatureTable.builder(IDS).addNumbers("x", values).build();
    values[0] = 3; // would make the feature constant if not copied
    EncodedFeatures encoded = FeatureSchema.inferred().encode(table);
    double[] out = new double[1];
    encoded.delta(0, 2, out, 0);
    assertEquals(1.0, out[0], 0.0);
  }

  @Test
  void rowsSelectsStimuliInTheGivenOrder() {
    FeatureTable t = FeatureTable.builder(List.of("a", "b", "c"))
        .addStrings("s", new String[] {"x", null, "z"})
        .addNumbers("n", new double[] {1, 2, Double.NaN})
        .addVectors("v", new double[][] {{1, 0}, {0, 1}, null}).build();
    FeatureTable sub = t.rows(new int[] {2, 0});
    assertEquals(List.of("c", "a"), sub.ids());
    assertEquals(List.of("s", "n", "v"), sub.featureNames());
    assertEquals("z", sub.column("s").strings[0]);
    assertEquals("x", sub.column("s").strings[1]);
    assertTrue(Double.isNaN(sub.column("n").numbers[0]));
    assertEquals(1.0, sub.column("n").numbers[1]);
    assertEquals(null, sub.column("v").vectors[0]);
    assertSame(t, t.rows(new int[] {0, 1, 2}));
    assertThrows(IllegalArgumentException.class, () -> t.rows(new int[] {0, 0}));
  }
}
