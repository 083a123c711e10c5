package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fitted encoder: what {@link FeatureSchema#fit} learns (categories, ranges), new values
 * encoded with the fitted ranges, and the fit table encoded exactly as before. Every expected
 * value is worked out by hand from the table below (ranges: size [0, 4]; pos component 0 [0, 2],
 * component 1 constant 10).
 */
class FeatureEncoderTest {
  private static final List<String> IDS = List.of("a", "b", "c", "d");

  private static FeatureTable table() {
    return FeatureTable.builder(IDS)
        .addStrings("color", new String[] {"red", "blue", "red", null})
        .addNumbers("size", new double[] {0, 2, 4, Double.NaN})
        .addVectors("pos", new double[][] {{0, 10}, {1, 10}, {2, 10}, null})
        .build();
  }

  private static FeatureEncoder encoder() {
    return FeatureSchema.inferred().withMissingDistance(0.3).fit(table());
  }

  @Test
  void fitRecordsCategoriesAndRanges() {
    List<FittedFeature> f = encoder().features();
    assertEquals(List.of("color", "size", "pos"), encoder().names());
    assertEquals(List.of("blue", "red"), f.get(0).categories());
    assertEquals(FeatureValueType.STRING, f.get(0).valueType());
    assertArrayEquals(new double[] {0}, f.get(1).min());
    assertArrayEquals(new double[] {4}, f.get(1).max());
    assertEquals(FeatureKind.ORDINAL, f.get(1).kind());
    assertArrayEquals(new double[] {0, 10}, f.get(2).min());
    assertArrayEquals(new double[] {2, 10}, f.get(2).max());
    assertEquals(0.3, f.get(2).missingDistance());
  }

  @Test
  void newValuesAreEncodedWithTheFittedRanges() {
    List<FittedFeature> f = encoder().features();
    FittedFeature color = f.get(0);
    FittedFeature size = f.get(1);
    FittedFeature pos = f.get(2);
    assertEquals(0.0, color.distance("red", "red"));
    assertEquals(1.0, color.distance("red", "blue"));
    assertEquals(1.0, color.distance("green", "green"), "unseen differs even from itself");
    assertEquals(0.3, color.distance(null, "red"));
    assertEquals(0.5, size.distance(1.0, 3.0), "|0.25 - 0.75|");
    assertEquals(1.0, size.distance(-5.0, 10), "clamped to 0 and 1");
    assertEquals(0.3, size.distance(Double.NaN, 3.0));
    assertEquals(0.25, size.scaled(1.0, 0));
    assertEquals(Math.sqrt(0.5), pos.distance(new double[] {0, 0}, new double[] {2, 99}),
        "component 0: 1; component 1 constant at fit: 0; sqrt(1 / 2)");
    assertEquals(0.3, pos.distance(null, new double[] {1, 1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pos.distance(new double[] {1, 2, 3}, new double[] {1, 2}));
    assertEquals("feature 'pos' had vectors of length 2 at fit but a value has length 3; give "
        + "vectors of the fitted length", e.getMessage());
    double[] out = new double[3];
    encoder().delta(new Object[] {"red", 4.0, new double[] {2, 0}},
        new Object[] {"blue", 0.0, new double[] {1, 0}}, out);
    assertArrayEquals(new double[] {1.0, 1.0, Math.sqrt(0.25 / 2)}, out);
  }

  @Test
  void theFitTableIsEncodedAsTheSchemaAlwaysDid() {
    EncodedFeatures e = FeatureSchema.inferred().withMissingDistance(0.3).encode(table());
    double[] ab = new double[3];
    e.delta(0, 1, ab, 0);
    assertArrayEquals(new double[] {1.0, 0.5, Math.sqrt(0.25 / 2)}, ab);
    double[] ac = new double[3];
    e.delta(0, 2, ac, 0);
    assertArrayEquals(new double[] {0.0, 1.0, Math.sqrt(1.0 / 2)}, ac);
    double[] ad = new double[3];
    e.delta(0, 3, ad, 0);
    assertArrayEquals(new double[] {0.3, 0.3, 0.3}, ad);
  }

  @Test
  void anotherTableIsEncodedWithTheFittedRanges() {
    FeatureTable other = FeatureTable.builder(List.of("x", "y", "z"))
        .addStrings("color", new String[] {"green", "green", "red"})
        .addNumbers("size", new double[] {8, 1, 2})
        .addVectors("pos", new double[][] {{1, 0}, {1, 50}, {3, 10}})
        .build();
    EncodedFeatures e = encoder().encode(other);
    assertEquals(1.0, e.distance(0, 0, 1), "the same unseen category: different");
    assertEquals(1.0, e.distance(0, 0, 2));
    assertEquals(0.75, e.distance(1, 0, 1), "8 clamps to 1, 1 scales to 0.25");
    assertEquals(0.0, e.distance(2, 0, 1), "component 1 was constant at fit");
    assertEquals(Math.sqrt(0.25 / 2), e.distance(2, 0, 2), "3 clamps to 1; 1 scales to 0.5");
  }

  @Test
  void anotherTableMustHaveTheFittedColumnsAndTypes() {
    FeatureTable missing = FeatureTable.builder(List.of("x", "y"))
        .addStrings("color", new String[] {"red", "blue"}).build();
    assertEquals("the table has no feature 'size', which was fitted; available features: color",
        assertThrows(IllegalArgumentException.class, () -> encoder().encode(missing))
            .getMessage());
    FeatureTable retyped = FeatureTable.builder(List.of("x", "y"))
        .addNumbers("color", new double[] {1, 2}).addNumbers("size", new double[] {1, 2})
        .addVectors("pos", new double[][] {{1, 1}, {2, 2}}).build();
    assertEquals("feature 'color' was a string column at fit but is a numeric column here; give "
        + "values of the fitted type",
        assertThrows(IllegalArgumentException.class, () -> encoder().encode(retyped))
            .getMessage());
  }

  @Test
  void numbersAndBooleansAsCategoriesCompareByValue() {
    FeatureTable t = FeatureTable.builder(List.of("a", "b", "c"))
        .addNumbers("code", new double[] {0.0, -0.0, 1})
        .addBooleans("flag", new Boolean[] {true, false, null})
        .build();
    FeatureEncoder enc = FeatureSchema.inferred().withKind("code", FeatureKind.CATEGORICAL)
        .fit(t);
    assertEquals(List.of("0.0", "1.0"), enc.features().get(0).categories());
    assertEquals(List.of("false", "true"), enc.features().get(1).categories());
    assertEquals(FeatureValueType.BOOLEAN, enc.features().get(1).valueType());
    assertEquals(0.0, enc.features().get(0).distance(0.0, -0.0));
    assertEquals(0.0, enc.features().get(1).distance(true, true));
    assertEquals(1.0, enc.features().get(1).distance(true, false));
    EncodedFeatures e = enc.encode(t);
    assertEquals(0.0, e.distance(0, 0, 1), "-0.0 and 0.0 are one category");
    assertEquals(1.0, e.distance(0, 0, 2));
  }

  @Test
  void numericStringsDeclaredOrdinalScaleByTheirNumbers() {
    FeatureTable t = FeatureTable.builder(List.of("a", "b", "c"))
        .addStrings("level", new String[] {"1", " 3", "5"}).build();
    FittedFeature level = FeatureSchema.inferred().withKind("level", FeatureKind.ORDINAL).fit(t)
        .features().get(0);
    assertArrayEquals(new double[] {1}, level.min());
    assertArrayEquals(new double[] {5}, level.max());
    assertEquals(0.5, level.distance("2", "4"));
    assertEquals("feature 'level' is ORDINAL but a value is 'x', which is not a number; give "
        + "numbers", assertThrows(IllegalArgumentException.class,
            () -> level.distance("x", "4")).getMessage());
  }

  @Test
  void fittedFeaturesCheckTheirShape() {
    assertEquals("fitted feature 's' (ORDINAL) needs 1 minimum and maximum values, found 2 and 1",
        assertThrows(IllegalArgumentException.class, () -> FittedFeature.of("s",
            FeatureValueType.NUMERIC, FeatureKind.ORDINAL, List.of(), new double[2],
            new double[1], 0)).getMessage());
    assertEquals("fitted feature 'c' lists a category twice: [x, x]",
        assertThrows(IllegalArgumentException.class, () -> FittedFeature.of("c",
            FeatureValueType.STRING, FeatureKind.CATEGORICAL, List.of("x", "x"), new double[0],
            new double[0], 0)).getMessage());
    assertEquals("fitted feature 'c': missing distance must be in [0, 1], found 2.0",
        assertThrows(IllegalArgumentException.class, () -> FittedFeature.of("c",
            FeatureValueType.STRING, FeatureKind.CATEGORICAL, List.of("x"), new double[0],
            new double[0], 2)).getMessage());
  }
}
