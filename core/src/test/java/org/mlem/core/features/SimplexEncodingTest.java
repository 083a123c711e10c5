package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SIMPLEX feature in the encoding: C - 1 components of delta named f[1], ..., f[C-1], the
 * layout mapping them back to f, the signed differences of the vertices (length 1 for distinct
 * levels, the same for both orders of a pair), missing and unseen values as documented, new
 * values (a saved model's path) encoded as the table is, and a feature with one level or none
 * refused with the constant-feature error.
 */
class SimplexEncodingTest {
  private static final double EXACT = 1e-12;
  private static final List<String> IDS = List.of("s0", "s1", "s2", "s3", "s4", "s5");
  private static final String[] COLOUR = {"red", "green", "blue", "red", null, "green"};
  private static final double[] SIZE = {0, 1, 2, 3, 4, 5};

  private static FeatureTable table() {
    return FeatureTable.builder(IDS).addNumbers("size", SIZE).addStrings("colour", COLOUR)
        .build();
  }

  private static EncodedFeatures encoded(double missingDistance) {
    return FeatureSchema.inferred().withKind("colour", FeatureKind.SIMPLEX)
        .withMissingDistance(missingDistance).encode(table());
  }

  @Test
  void aThreeLevelFeatureIsTwoComponentsGroupedBackIntoOneFeature() {
    EncodedFeatures f = encoded(0.0);
    assertEquals(3, f.featureCount(), "size + 2 coordinates");
    assertEquals(List.of("size", "colour[1]", "colour[2]"), f.names());
    FeatureLayout layout = f.layout();
    assertEquals(List.of("size", "colour"), layout.featureNames());
    assertEquals(2, layout.featureCount());
    assertEquals(1, layout.start(1));
    assertEquals(2, layout.width(1));
    assertEquals(0, layout.featureOf(0));
    assertEquals(1, layout.featureOf(1));
    assertEquals(1, layout.featureOf(2));
    assertArrayEquals(new int[] {0, 1, 3}, layout.starts());
    assertEquals(FeatureKind.SIMPLEX, f.kind(1));
    assertTrue(f.summary().entries().get(1).describe()
        .equals("3 levels: blue, green, red; 2 simplex coordinates"),
        f.summary().entries().get(1).describe());
  }

  @Test
  void deltaIsTheOrientedVertexDifference() {
    EncodedFeatures f = encoded(0.0);
    // levels sorted: blue = 0, green = 1, red = 2; s0 red, s1 green, s2 blue
    double[][] v = SimplexCoordinates.vertices(3);
    double[] d = new double[3];
    double[] back = new double[3];
    f.delta(0, 1, d, 0);
    f.delta(1, 0, back, 0);
    assertArrayEquals(d, back, 0.0, "the pair's order does not matter");
    assertEquals(0.2, d[0], EXACT, "size |0 - 1| / 5");
    assertEquals(v[1][0] - v[2][0], d[1], EXACT, "green - red, first coordinate");
    assertEquals(v[1][1] - v[2][1], d[2], EXACT, "green - red, second coordinate");
    assertEquals(1.0, Math.hypot(d[1], d[2]), EXACT, "distinct levels: length 1");
    f.delta(0, 3, d, 0);
    assertEquals(0.0, d[1], 0.0, "same level");
    assertEquals(0.0, d[2], 0.0, "same level");
    for (int c = 0; c < 3; c++) {
      assertEquals(d[c], f.distance(c, 0, 3), 0.0, "distance(c, i, j) is component c");
    }
    // deltas over a range equals delta pair by pair
    int[] first = {0, 1, 2, 4};
    int[] second = {1, 2, 3, 5};
    double[] all = new double[4 * 3];
    f.deltas(first, second, 0, 4, all);
    for (int p = 0; p < 4; p++) {
      f.delta(first[p], second[p], d, 0);
      for (int c = 0; c < 3; c++) {
        assertEquals(d[c], all[p * 3 + c], 0.0, "pair " + p + " component " + c);
        assertEquals(d[c], f.distance(c, first[p], second[p]), 0.0);
      }
    }
  }

  @Test
  void aMissingValueGetsTheMissingDistanceSpreadOverTheCoordinates() {
    double[] d = new double[3];
    encoded(0.0).delta(4, 0, d, 0);
    assertEquals(0.0, d[1], 0.0, "default missing distance 0: as if equal");
    assertEquals(0.0, d[2], 0.0);
    encoded(0.5).delta(4, 0, d, 0);
    assertEquals(0.5 / Math.sqrt(2), d[1], EXACT);
    assertEquals(0.5 / Math.sqrt(2), d[2], EXACT);
    assertEquals(0.5, Math.hypot(d[1], d[2]), EXACT, "length = the missing distance");
  }

  @Test
  void newValuesAreEncodedAsTheTableIs() {
    FeatureEncoder encoder = FeatureSchema.inferred().withKind("colour", FeatureKind.SIMPLEX)
        .withMissingDistance(0.5).fit(table());
    EncodedFeatures f = encoder.encode(table());
    assertEquals(f.layout(), encoder.layout());
    double[] fromTable = new double[3];
    double[] fromValues = new double[3];
    for (int i = 0; i < IDS.size(); i++) {
      for (int j = 0; j < IDS.size(); j++) {
        f.delta(i, j, fromTable, 0);
        encoder.delta(new Object[] {SIZE[i], COLOUR[i]}, new Object[] {SIZE[j], COLOUR[j]},
            fromValues);
        assertArrayEquals(fromTable, fromValues, EXACT, "pair " + i + ", " + j);
      }
    }
    FittedFeature colour = encoder.features().get(1);
    assertEquals(2, colour.width());
    assertEquals(List.of("colour[1]", "colour[2]"), colour.componentNames());
    assertEquals(1.0, colour.distance("red", "blue"), EXACT);
    assertEquals(0.0, colour.distance("red", "red"), 0.0);
    double[] unseen = new double[2];
    colour.delta("purple", "red", unseen, 0);
    assertArrayEquals(new double[] {1 / Math.sqrt(2), 1 / Math.sqrt(2)}, unseen, EXACT,
        "a level not seen at fit: length 1 in a fixed direction");
    assertEquals(1.0, colour.distance("purple", "red"), EXACT);
  }

  @Test
  void twoLevelsAreOneCoordinateOfTheCategoricalDistance() {
    List<String> ids = List.of("a", "b", "c");
    FeatureTable t = FeatureTable.builder(ids).addStrings("x", new String[] {"p", "q", "p"})
        .build();
    EncodedFeatures simplex = FeatureSchema.inferred().withKind("x", FeatureKind.SIMPLEX)
        .encode(t);
    assertEquals(List.of("x[1]"), simplex.names());
    double[] d = new double[1];
    simplex.delta(0, 1, d, 0);
    assertEquals(1.0, Math.abs(d[0]), EXACT, "|v_p - v_q| = 1 = the categorical distance");
    simplex.delta(0, 2, d, 0);
    assertEquals(0.0, d[0], 0.0);
  }

  @Test
  void oneLevelOrNoValueIsTheConstantFeatureError() {
    List<String> ids = List.of("a", "b", "c");
    for (String[] values : List.of(new String[] {"p", "p", "p"},
        new String[] {"p", null, "p"}, new String[] {null, null, null})) {
      FeatureTable t = FeatureTable.builder(ids).addStrings("x", values)
          .addNumbers("y", new double[] {0, 1, 2}).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FeatureSchema.inferred().withKind("x", FeatureKind.SIMPLEX).encode(t));
      assertTrue(e.getMessage().startsWith("constant features (their distance is 0 for every "
          + "pair): x;"), e.getMessage());
    }
  }

  @Test
  void aSavedSimplexFeatureNeedsTwoLevels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FittedFeature.of("x", FeatureValueType.STRING, FeatureKind.SIMPLEX, List.of("p"),
            new double[0], new double[0], 0.0));
    assertTrue(e.getMessage().contains("at least 2 categories"), e.getMessage());
  }

  @Test
  void aCoordinateNameThatClashesWithAColumnIsRefused() {
    List<String> ids = List.of("a", "b", "c");
    FeatureTable t = FeatureTable.builder(ids).addStrings("x", new String[] {"p", "q", "r"})
        .addNumbers("x[1]", new double[] {0, 1, 2}).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureSchema.inferred().withKind("x", FeatureKind.SIMPLEX).encode(t));
    assertTrue(e.getMessage().contains("'x[1]'"), e.getMessage());
  }
}
