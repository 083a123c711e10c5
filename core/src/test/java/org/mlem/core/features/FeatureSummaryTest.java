package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The feature summary: kind and where it came from, levels or range, missing count, and the
 * warning strictly above 10% missing (3 of 20 = 15% warns; 2 of 20 = 10% does not).
 */
class FeatureSummaryTest {
  private static FeatureTable table(int missingSize) {
    List<String> ids = new ArrayList<>();
    String[] shape = new String[20];
    double[] size = new double[20];
    double[] code = new double[20];
    for (int i = 0; i < 20; i++) {
      ids.add("s" + i);
      shape[i] = i % 2 == 0 ? "round" : "square";
      size[i] = i < missingSize ? Double.NaN : i * 0.5;
      code[i] = i % 3;
    }
    return FeatureTable.builder(ids).addStrings("shape", shape).addNumbers("size", size)
        .addNumbers("code", code).build();
  }

  @Test
  void linesSayKindLevelsRangeAndMissing() {
    FeatureSummary s = FeatureSchema.inferred().withKind("code", FeatureKind.CATEGORICAL)
        .withMissingDistance(0.5).summarize(table(3));
    assertEquals(List.of(
        "shape: categorical (inferred), 2 levels: round, square, none missing",
        "size: ordinal (inferred), range [1.5, 9.5], 3 of 20 missing (15.0%, distance 0.5)",
        "code: categorical (declared), 3 levels: 0.0, 1.0, 2.0, none missing"), s.lines());
    assertEquals(3, s.entries().get(1).missing());
    assertEquals(0.15, s.entries().get(1).missingFraction());
    assertTrue(s.entries().get(2).declared());
    assertEquals(s, FeatureSchema.inferred().withKind("code", FeatureKind.CATEGORICAL)
        .withMissingDistance(0.5).encode(table(3)).summary(), "the encoded features carry it");
  }

  @Test
  void moreThanTenPercentMissingWarns() {
    FeatureSummary s = FeatureSchema.inferred().summarize(table(3));
    assertEquals(List.of("feature 'size': 3 of 20 values missing (15.0%, above 10.0%); pairs "
        + "with a missing value get distance 0 for it; fill the values or set the missing "
        + "distance"), s.warnings());
  }

  @Test
  void exactlyTenPercentDoesNotWarn() {
    FeatureSummary s = FeatureSchema.inferred().summarize(table(2));
    assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    assertFalse(s.entries().get(1).missingWarning());
  }

  @Test
  void longLevelListsAndVectorsAreCut() {
    List<String> ids = new ArrayList<>();
    String[] word = new String[12];
    double[][] pos = new double[12][];
    for (int i = 0; i < 12; i++) {
      ids.add("s" + i);
      word[i] = "w" + (char) ('a' + i);
      pos[i] = new double[] {i, -i * 0.25};
    }
    FeatureSummary s = FeatureSchema.inferred().summarize(FeatureTable.builder(ids)
        .addStrings("word", word).addVectors("pos", pos).build());
    assertEquals("word: categorical (inferred), 12 levels: wa, wb, wc, wd, we, wf, wg, wh, wi, "
        + "wj, ..., none missing", s.lines().get(0));
    assertEquals("pos: vector (inferred), 2 components, ranges [0, 11], [-2.75, 0], none "
        + "missing", s.lines().get(1));
  }

  @Test
  void controlCharactersFromTheDataAreShownEscaped() {
    FeatureSummary s = FeatureSchema.inferred().summarize(FeatureTable.builder(List.of("a", "b"))
        .addStrings("col\nour", new String[] {"\u001b[31mred", "blue"}).build());
    assertEquals("col\\u000aour: categorical (inferred), 2 levels: \\u001b[31mred, blue, none "
        + "missing", s.lines().get(0));
  }
}
