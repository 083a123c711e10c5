package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SyntheticDatasetTest {
  private static final SyntheticColumn CATEGORIES =
      SyntheticColumn.ofCategories("f0", new String[] {"A", "B", "A"});
  private static final SyntheticColumn NUMBERS =
      SyntheticColumn.ofNumbers("f1", new double[] {4.0, 4.5, 5.5});

  @Test
  void columnKnowsItsKindAndSize() {
    assertTrue(CATEGORIES.categorical());
    assertFalse(NUMBERS.categorical());
    assertEquals(3, CATEGORIES.size());
    assertEquals(3, NUMBERS.size());
    assertEquals(SyntheticColumn.ofCategories("f0", new String[] {"A", "B", "A"}), CATEGORIES);
    assertNotEquals(SyntheticColumn.ofCategories("f0", new String[] {"A", "B", "B"}), CATEGORIES);
  }

  @Test
  void columnRejectsBadValues() {
    assertMessage("column f must have exactly one of categories and numbers, found both",
        () -> new SyntheticColumn("f", new String[] {"A"}, new double[] {1}));
    assertMessage("column f must have exactly one of categories and numbers, found neither",
        () -> new SyntheticColumn("f", null, null));
    assertMessage("column name must be non-blank, found \" \"",
        () -> SyntheticColumn.ofNumbers(" ", new double[] {1}));
    assertMessage("column f must have a category for every stimulus, found null at row 1",
        () -> SyntheticColumn.ofCategories("f", new String[] {"A", null}));
    assertMessage("column f must have finite numbers, found Infinity at row 0",
        () -> SyntheticColumn.ofNumbers("f", new double[] {Double.POSITIVE_INFINITY}));
  }

  @Test
  void datasetAcceptsConsistentShapes() {
    SyntheticDataset dataset = new SyntheticDataset(List.of("a", "b", "c"),
        List.of(CATEGORIES, NUMBERS), new float[6], 2, new double[][] {{1, 0}, {0, 1}}, "test");
    assertEquals(3, dataset.size());
    assertEquals(dataset, new SyntheticDataset(List.of("a", "b", "c"),
        List.of(CATEGORIES, NUMBERS), new float[6], 2, new double[][] {{1, 0}, {0, 1}}, "test"));
  }

  @Test
  void datasetRejectsInconsistentShapes() {
    List<String> ids = List.of("a", "b", "c");
    List<SyntheticColumn> features = List.of(CATEGORIES, NUMBERS);
    assertMessage("representations must hold n * dims = 3 * 2 = 6 values, found 5",
        () -> new SyntheticDataset(ids, features, new float[5], 2, null, "x"));
    assertMessage("dims must be >= 1, found 0",
        () -> new SyntheticDataset(ids, features, new float[0], 0, null, "x"));
    assertMessage("feature f0 must have 2 rows (one per id), found 3",
        () -> new SyntheticDataset(List.of("a", "b"), features, new float[4], 2, null, "x"));
    assertMessage("ids must be unique, found duplicate a",
        () -> new SyntheticDataset(List.of("a", "b", "a"), features, new float[6], 2, null, "x"));
    assertMessage("feature names must be unique, found duplicate f0",
        () -> new SyntheticDataset(ids, List.of(CATEGORIES, CATEGORIES), new float[6], 2, null, "x"));
    assertMessage("trueWeights must be 2 x 2 (one row per feature), found 1 rows",
        () -> new SyntheticDataset(ids, features, new float[6], 2, new double[][] {{1, 0}}, "x"));
    assertMessage("trueWeights must be 2 x 2, found row 1 of length 1",
        () -> new SyntheticDataset(ids, features, new float[6], 2, new double[][] {{1, 0}, {1}}, "x"));
    assertMessage("representations must be finite, found NaN for stimulus b column 1",
        () -> new SyntheticDataset(ids, features, new float[] {0, 0, 0, Float.NaN, 0, 0}, 2, null,
            "x"));
    assertMessage("features must hold at least one column, found none",
        () -> new SyntheticDataset(ids, List.of(), new float[6], 2, null, "x"));
    assertMessage("description must not be null",
        () -> new SyntheticDataset(ids, features, new float[6], 2, null, null));
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
