package org.mlem.core.sim;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Random symmetric positive definite matrices with unit Frobenius norm: the ground-truth metric
 * W* of the simulation study (paper section 2.5.1; MLEM-SPEC section 8).
 *
 * <p>The recipe is scikit-learn's {@code make_spd_matrix}: A has i.i.d. uniform [0, 1) entries;
 * U, s, V^T = svd(A^T A); X = U (I + diag(u)) V^T with u i.i.d. uniform [0, 1). Because A^T A is
 * symmetric positive (semi)definite, U and V coincide up to rounding, so X is symmetric with
 * eigenvalues 1 + u_k in [1, 2). Rounding in the SVD leaves an asymmetry of order 1e-16, which
 * is removed by replacing X with (X + X^T) / 2 (so the result is exactly symmetric); X is then
 * divided by its Frobenius norm. The random numbers come from the seed only (not numpy's
 * generator, so values differ from scikit-learn's for the same seed, but not in distribution).
 */
public final class RandomSpd {
  private static final long STREAM_MATRIX = 1;
  private static final long STREAM_SPECTRUM = 2;

  private RandomSpd() {}

  /**
   * A random dim x dim SPD matrix with unit Frobenius norm.
   *
   * @param dim the size, >= 1
   * @param seed the seed; the same seed gives the same matrix bit for bit
   * @return a new symmetric matrix with positive eigenvalues and Frobenius norm 1
   * @throws IllegalArgumentException if dim < 1
   * @throws ArithmeticException if the SVD fails
   */
  public static double[][] make(int dim, long seed) {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be >= 1, found " + dim);
    }
    SimRandom matrixRandom = new SimRandom(SimRandom.derive(seed, STREAM_MATRIX));
    DMatrixRMaj a = new DMatrixRMaj(dim, dim);
    for (int k = 0; k < dim * dim; k++) {
      a.data[k] = matrixRandom.uniform();
    }
    DMatrixRMaj ata = new DMatrixRMaj(dim, dim);
    CommonOps_DDRM.multTransA(a, a, ata);

    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(dim, dim, true, true, false);
    if (!svd.decompose(ata)) {
      throw new ArithmeticException("SVD of A^T A failed for a random " + dim + " x " + dim + " A");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj vt = svd.getV(null, true);

    SimRandom spectrumRandom = new SimRandom(SimRandom.derive(seed, STREAM_SPECTRUM));
    DMatrixRMaj middle = new DMatrixRMaj(dim, dim);
    for (int k = 0; k < dim; k++) {
      middle.set(k, k, 1.0 + spectrumRandom.uniform());
    }
    DMatrixRMaj scaled = new DMatrixRMaj(dim, dim);
    CommonOps_DDRM.mult(u, middle, scaled);
    DMatrixRMaj x = new DMatrixRMaj(dim, dim);
    CommonOps_DDRM.mult(scaled, vt, x);

    double[][] result = new double[dim][dim];
    double sumSquares = 0;
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        double value = 0.5 * (x.get(i, j) + x.get(j, i));
        result[i][j] = value;
        sumSquares += value * value;
      }
    }
    double norm = Math.sqrt(sumSquares);
    if (!(norm > 0) || !Double.isFinite(norm)) {
      throw new ArithmeticException("random SPD matrix has Frobenius norm " + norm);
    }
    for (double[] row : result) {
      for (int j = 0; j < dim; j++) {
        row[j] /= norm;
      }
    }
    return result;
  }
}
