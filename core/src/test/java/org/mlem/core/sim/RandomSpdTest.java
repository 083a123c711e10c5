package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomSpdTest {
  private static final double NORM_TOLERANCE = 1e-12;

  @ParameterizedTest
  @ValueSource(ints = {2, 6, 12, 40})
  void isSymmetricPositiveDefiniteWithUnitFrobeniusNorm(int dim) {
    double[][] w = RandomSpd.make(dim, 1234 + dim);
    double sumSquares = 0;
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        // exact: the implementation symmetrizes (X + X^T) / 2 explicitly
        assertEquals(w[i][j], w[j][i], 0.0, "asymmetric at " + i + ", " + j);
        sumSquares += w[i][j] * w[i][j];
      }
    }
    assertEquals(1.0, Math.sqrt(sumSquares), NORM_TOLERANCE);

    double[] eigenvalues = eigenvalues(w);
    double smallest = Arrays.stream(eigenvalues).min().orElseThrow();
    double largest = Arrays.stream(eigenvalues).max().orElseThrow();
    assertTrue(smallest > 0, "smallest eigenvalue " + smallest);
    // make_spd_matrix's spectrum is 1 + uniform[0, 1), so the condition number is below 2
    assertTrue(largest / smallest < 2.0 + 1e-9, "condition number " + largest / smallest);
    // and every eigenvalue is (1 + u) / ||1 + u||_2, hence at least 1 / (2 sqrt(dim))
    assertTrue(smallest >= 1.0 / (2 * Math.sqrt(dim)) - 1e-12, "smallest eigenvalue " + smallest);
  }

  @Test
  void sameSeedSameMatrixBitForBitAndOtherSeedDiffers() {
    double[][] a = RandomSpd.make(6, 99);
    double[][] b = RandomSpd.make(6, 99);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(a[i], b[i], 0.0);
    }
    assertFalse(Arrays.deepEquals(a, RandomSpd.make(6, 100)));
  }

  @Test
  void hasOffDiagonalStructure() {
    // the recipe gives a dense matrix, not a diagonal one (the simulation needs interactions)
    double[][] w = RandomSpd.make(6, 5);
    double offDiagonal = 0;
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        if (i != j) {
          offDiagonal += Math.abs(w[i][j]);
        }
      }
    }
    assertTrue(offDiagonal > 0.05, "off-diagonal mass " + offDiagonal);
  }

  @Test
  void dimensionOneIsTheUnitMatrix() {
    assertArrayEquals(new double[] {1.0}, RandomSpd.make(1, 3)[0], NORM_TOLERANCE);
  }

  @Test
  void rejectsNonPositiveDimension() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RandomSpd.make(0, 1));
    assertEquals("dim must be >= 1, found 0", e.getMessage());
  }

  private static double[] eigenvalues(double[][] w) {
    int n = w.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
    assertTrue(eig.decompose(new DMatrixRMaj(w)));
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      values[k] = eig.getEigenvalue(k).getReal();
    }
    return values;
  }
}
