package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageLikeDatasetTest {
  private static final List<String> TABLE_S1_ORDER = List.of(
      "relative_clause_type", "attachment_site", "subject_number", "subject_gender",
      "subject_frequency", "object_number", "object_gender", "object_frequency",
      "embedded_number", "embedded_gender", "embedded_frequency", "verb_lemma");

  @Test
  void hasTheTwelveFeaturesOfTableS1InOrderWithTheirValues() {
    SyntheticDataset data = LanguageLikeDataset.generate(200, 16, 41);
    assertEquals(200, data.size());
    assertEquals(16, data.dims());
    assertEquals(200 * 16, data.representations().length);
    assertNull(data.trueWeights());
    assertEquals(TABLE_S1_ORDER, data.features().stream().map(SyntheticColumn::name).toList());
    assertEquals(TABLE_S1_ORDER, LanguageLikeDataset.featureNames());
    assertEquals(TABLE_S1_ORDER, List.copyOf(LanguageLikeDataset.effectSizes().keySet()));
    for (SyntheticColumn column : data.features()) {
      if (column.name().endsWith("_frequency")) {
        assertFalse(column.categorical(), column.name());
        for (double x : column.numbers()) {
          assertTrue(x == 4.0 || x == 4.5 || x == 5.0 || x == 5.5, column.name() + " value " + x);
        }
      } else {
        assertTrue(column.categorical(), column.name());
      }
    }
    assertEquals(List.of("object", "subject"), distinct(data.features().get(0)));
    assertEquals(List.of("center", "peripheral"), distinct(data.features().get(1)));
    assertEquals(List.of("plural", "singular"), distinct(data.features().get(2)));
    assertEquals(List.of("feminine", "masculine"), distinct(data.features().get(3)));
    assertEquals(List.of("admire", "see"), distinct(data.features().get(11)));
    for (String name : TABLE_S1_ORDER) {
      assertTrue(data.description().contains(name + "="), "description lacks " + name);
    }
  }

  @Test
  void valuesAreBalanced() {
    int n = 4000;
    SyntheticDataset data = LanguageLikeDataset.generate(n, 4, 42);
    for (SyntheticColumn column : data.features()) {
      Map<String, Integer> counts = new HashMap<>();
      int levels;
      if (column.categorical()) {
        for (String value : column.categories()) {
          counts.merge(value, 1, Integer::sum);
        }
        levels = 2;
      } else {
        for (double value : column.numbers()) {
          counts.merge(Double.toString(value), 1, Integer::sum);
        }
        levels = 4;
      }
      assertEquals(levels, counts.size(), column.name());
      double expected = (double) n / levels;
      double sd = Math.sqrt(n * (1.0 / levels) * (1 - 1.0 / levels));
      for (Map.Entry<String, Integer> entry : counts.entrySet()) {
        assertEquals(expected, entry.getValue(), 5 * sd, column.name() + "=" + entry.getKey());
      }
    }
  }

  @Test
  void sameSeedSameDatasetBitForBitOtherSeedDiffers() {
    SyntheticDataset a = LanguageLikeDataset.generate(300, 32, 43);
    SyntheticDataset b = LanguageLikeDataset.generate(300, 32, 43);
    assertEquals(a, b);
    assertArrayEquals(a.representations(), b.representations(), 0.0f);
    assertFalse(a.equals(LanguageLikeDataset.generate(300, 32, 44)));
  }

  @Test
  void separationBetweenLevelsFollowsTheEffectSizes() {
    SyntheticDataset data = LanguageLikeDataset.generate(3000, 64, 45);
    Map<String, Double> separation = new HashMap<>();
    for (int f : new int[] {0, 1, 2, 9}) {
      SyntheticColumn column = data.features().get(f);
      separation.put(column.name(), centroidDistance(data, column));
    }
    double rc = separation.get("relative_clause_type");
    double attachment = separation.get("attachment_site");
    double subjectNumber = separation.get("subject_number");
    double embeddedGender = separation.get("embedded_gender");
    assertTrue(rc > attachment && attachment > subjectNumber && subjectNumber > embeddedGender,
        "separations " + separation);
    // a_f = 0 for embedded_gender: only noise separates its centroids
    assertTrue(embeddedGender < 0.1, "embedded_gender separation " + embeddedGender);
    // two random unit-ish directions scaled by sqrt(1.0) are about sqrt(2) apart
    assertEquals(Math.sqrt(2.0), rc, 0.5);
  }

  @Test
  void paperScaleGeneratesQuickly() {
    long start = System.nanoTime();
    SyntheticDataset data = LanguageLikeDataset.generate(7700, 768, 46);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(7700 * 768, data.representations().length);
    // well under a second alone; generous because the build machine is shared
    assertTrue(seconds < 10, "n=7700 dims=768 took " + seconds + " s");
  }

  @Test
  void rejectsInvalidArguments() {
    IllegalArgumentException stimuli = assertThrows(IllegalArgumentException.class,
        () -> LanguageLikeDataset.generate(0, 8, 1));
    assertEquals("stimuli must be >= 1, found 0", stimuli.getMessage());
    IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
        () -> LanguageLikeDataset.generate(8, 0, 1));
    assertEquals("dims must be >= 1, found 0", dims.getMessage());
  }

  /** Euclidean distance between the mean representations of a binary feature's two levels. */
  private static double centroidDistance(SyntheticDataset data, SyntheticColumn column) {
    int dims = data.dims();
    String first = column.categories()[0];
    double[] sumFirst = new double[dims];
    double[] sumOther = new double[dims];
    int countFirst = 0;
    int countOther = 0;
    for (int i = 0; i < data.size(); i++) {
      boolean isFirst = column.categories()[i].equals(first);
      double[] sum = isFirst ? sumFirst : sumOther;
      for (int d = 0; d < dims; d++) {
        sum[d] += data.representations()[i * dims + d];
      }
      if (isFirst) {
        countFirst++;
      } else {
        countOther++;
      }
    }
    double squared = 0;
    for (int d = 0; d < dims; d++) {
      double diff = sumFirst[d] / countFirst - sumOther[d] / countOther;
      squared += diff * diff;
    }
    return Math.sqrt(squared);
  }

  private static List<String> distinct(SyntheticColumn column) {
    return Arrays.stream(column.categories()).distinct().sorted().toList();
  }
}
