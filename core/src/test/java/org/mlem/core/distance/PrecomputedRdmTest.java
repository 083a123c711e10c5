package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrecomputedRdmTest {
  private static final List<String> IDS = List.of("a", "b", "c", "d");
  private static final double[][] SQUARE = {
    {0, 1, 2, 3},
    {1, 0, 4, 5},
    {2, 4, 0, 6},
    {3, 5, 6, 0},
  };

  @Test
  void squareAndCondensedAgreeInScipyOrder() {
    PrecomputedRdm square = PrecomputedRdm.square(IDS, SQUARE);
    // scipy.spatial.distance.squareform(SQUARE) = [1, 2, 3, 4, 5, 6]
    PrecomputedRdm condensed = PrecomputedRdm.condensed(IDS, new double[] {1, 2, 3, 4, 5, 6});
    assertEquals(4, square.size());
    assertEquals(IDS, condensed.ids());
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(SQUARE[i][j], square.distance(i, j), 0.0);
        assertEquals(SQUARE[i][j], condensed.distance(i, j), 0.0);
      }
    }
  }

  @Test
  void squareValidationNamesTheFirstOffendingEntry() {
    double[][] asymmetric = copy(SQUARE);
    asymmetric[2][1] = 4.1;
    assertEquals(
        "RDM: entry (1, 2) between 'b' and 'c' is 4.0 but (j, i) is 4.1; the matrix must be"
            + " symmetric (within 1e-9 relative)",
        assertThrows(IllegalArgumentException.class,
            () -> PrecomputedRdm.square(IDS, asymmetric)).getMessage());
    double[][] diagonal = copy(SQUARE);
    diagonal[3][3] = 0.5;
    assertEquals("RDM: entry (3, 3) between 'd' and 'd' is 0.5, the diagonal must be 0 (within"
            + " 1e-9)",
        assertThrows(IllegalArgumentException.class,
            () -> PrecomputedRdm.square(IDS, diagonal)).getMessage());
    double[][] nan = copy(SQUARE);
    nan[0][3] = Double.NaN;
    assertEquals("RDM: entry (0, 3) between 'a' and 'd' is NaN, expected a finite value",
        assertThrows(IllegalArgumentException.class,
            () -> PrecomputedRdm.square(IDS, nan)).getMessage());
    double[][] tiny = copy(SQUARE);
    tiny[1][0] = 1 + 1e-12; // within tolerance
    assertEquals(1.0, PrecomputedRdm.square(IDS, tiny).distance(0, 1), 1e-11);
  }

  @Test
  void condensedValidation() {
    assertEquals("RDM: a condensed RDM of n = 4 stimuli has n(n-1)/2 = 6 values, found 5",
        assertThrows(IllegalArgumentException.class,
            () -> PrecomputedRdm.condensed(IDS, new double[5])).getMessage());
    assertEquals(
        "RDM: entry (1, 3) between 'b' and 'd' is negative (-5.0), distances must be >= 0",
        assertThrows(IllegalArgumentException.class,
            () -> PrecomputedRdm.condensed(IDS, new double[] {1, 2, 3, 4, -5, 6})).getMessage());
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  @Test
  void reorderingMovesEachDistanceWithItsPair() {
    PrecomputedRdm rdm = PrecomputedRdm.condensed(IDS, new double[] {1, 2, 3, 4, 5, 6});
    PrecomputedRdm moved = rdm.reorderedTo(List.of("d", "b", "a", "c"));
    assertEquals(List.of("d", "b", "a", "c"), moved.ids());
    // d-b = 5, d-a = 3, d-c = 6, b-a = 1, b-c = 4, a-c = 2 (SQUARE above)
    assertEquals(5.0, moved.distance(0, 1));
    assertEquals(3.0, moved.distance(0, 2));
    assertEquals(6.0, moved.distance(0, 3));
    assertEquals(1.0, moved.distance(1, 2));
    assertEquals(4.0, moved.distance(1, 3));
    assertEquals(2.0, moved.distance(3, 2));
    assertEquals(0.0, moved.distance(2, 2));
    org.junit.jupiter.api.Assertions.assertSame(rdm, rdm.reorderedTo(IDS));
  }

  @Test
  void reorderingToOtherStimuliIsRefused() {
    PrecomputedRdm rdm = PrecomputedRdm.condensed(IDS, new double[] {1, 2, 3, 4, 5, 6});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rdm.reorderedTo(List.of("a", "b", "c", "x")));
    assertTrue(e.getMessage().startsWith("the stimulus ids of the features and the RDM differ: "
        + "1 of the 4 ids of the features is not in the RDM (x); 1 of the 4 ids of the RDM is "
        + "not in the features (d);"), e.getMessage());
  }
}
