package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepresentationsTest {
  @Test
  void storesRowsAsFloats() {
    Representations reps =
        Representations.fromRows(List.of("a", "b"), new double[][] {{1, 2, 3}, {4, 5, 6.5}});
    assertEquals(2, reps.size());
    assertEquals(3, reps.dims());
    assertEquals(List.of("a", "b"), reps.ids());
    assertEquals(6.5f, reps.value(1, 2));
    assertEquals(4f, reps.data()[3]);
  }

  @Test
  void nanNamesStimulusRowAndColumn() {
    float[] data = new float[17 * 4];
    data[16 * 4 + 3] = Float.NaN;
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 17; i++) {
      ids.add("s" + i);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Representations.of(ids, data, 4));
    assertEquals(
        "representations: stimulus 's17' (row 16) has NaN in column 3; clean or drop it before"
            + " fitting",
        e.getMessage());
  }

  @Test
  void infinityIsRejectedIncludingFloatOverflow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Representations.fromRows(List.of("a", "b"), new double[][] {{1, 2}, {1e300, 0}}));
    assertEquals(
        "representations: stimulus 'b' (row 1) has Infinity in column 0; clean or drop it before"
            + " fitting",
        e.getMessage());
  }

  @Test
  void raggedRowsNameTheRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Representations.fromRows(List.of("a", "b"), new double[][] {{1, 2}, {1}}));
    assertEquals("representations: stimulus 'b' (row 1) has 1 values, expected 2", e.getMessage());
  }

  @Test
  void rejectsDuplicateIdsAndWrongLengths() {
    assertEquals("representations: stimulus ids must be unique, found duplicates: a",
        assertThrows(IllegalArgumentException.class,
            () -> Representations.of(List.of("a", "a"), new float[4], 2)).getMessage());
    assertEquals("representations: data must have n * dims = 2 * 2 = 4 values, found 5",
        assertThrows(IllegalArgumentException.class,
            () -> Representations.of(List.of("a", "b"), new float[5], 2)).getMessage());
  }
}
