package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NeuralDistance} says which rows it rejects (a zero row under cosine, a constant row
 * under correlation), with the message {@link RepresentationDistances} throws.
 */
class RowRejectionTest {
  /** Rows: (1, 2, 3), (0, 0, 0), (4, 4, 4). */
  private static final float[] ROWS = {1, 2, 3, 0, 0, 0, 4, 4, 4};

  @Test
  void onlyCosineAndCorrelationRejectRows() {
    assertTrue(NeuralDistance.COSINE.rejectsRows());
    assertTrue(NeuralDistance.CORRELATION.rejectsRows());
    for (NeuralDistance d : List.of(NeuralDistance.EUCLIDEAN, NeuralDistance.SQEUCLIDEAN,
        NeuralDistance.MANHATTAN, NeuralDistance.NORM_DIFF)) {
      assertFalse(d.rejectsRows(), d.cliName());
      assertEquals(-1, d.firstRejectedRow(ROWS, 3, 3), d.cliName());
    }
  }

  @Test
  void cosineRejectsTheZeroRowOnly() {
    assertFalse(NeuralDistance.COSINE.rejects(ROWS, 0, 3));
    assertTrue(NeuralDistance.COSINE.rejects(ROWS, 3, 3));
    assertFalse(NeuralDistance.COSINE.rejects(ROWS, 6, 3), "constant but not zero");
    assertEquals(1, NeuralDistance.COSINE.firstRejectedRow(ROWS, 3, 3));
  }

  @Test
  void correlationRejectsEveryConstantRow() {
    assertFalse(NeuralDistance.CORRELATION.rejects(ROWS, 0, 3));
    assertTrue(NeuralDistance.CORRELATION.rejects(ROWS, 3, 3));
    assertTrue(NeuralDistance.CORRELATION.rejects(ROWS, 6, 3));
    assertEquals(1, NeuralDistance.CORRELATION.firstRejectedRow(ROWS, 3, 3));
    assertEquals(-1, NeuralDistance.CORRELATION.firstRejectedRow(ROWS, 1, 3));
  }

  @Test
  void theMessageIsTheOneRepresentationDistancesThrows() {
    Representations reps = Representations.of(List.of("a", "zero", "four"), ROWS, 3);
    for (NeuralDistance d : List.of(NeuralDistance.COSINE, NeuralDistance.CORRELATION)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new RepresentationDistances(reps, d));
      assertEquals(d.rejectionMessage("zero", 1), e.getMessage());
    }
    assertEquals("cosine distance: stimulus 'zero' (row 1) has a zero-norm representation; its "
        + "cosine is undefined", NeuralDistance.COSINE.rejectionMessage("zero", 1));
    assertThrows(IllegalStateException.class,
        () -> NeuralDistance.EUCLIDEAN.rejectionMessage("zero", 1));
  }
}
