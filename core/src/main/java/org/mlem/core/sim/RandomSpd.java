package org.mlem.core.sim;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Random symmetric positive definite matrices with unit Frobenius norm: the ground-truth metric
 * W* of the simulation study (paper section 2.5.1; docs/method.md section 8).
 *
 * <p>The recipe is scikit-learn's {@code make_spd_matrix}: A has i.i.d. uniform [0, 1) entries;
 * U, s, V^T = svd(A^T A); X = U (J + diag(u)) V^T with J the all-ones matrix and u i.i.d. uniform
 * [0, 1) (scikit-learn writes the middle factor as {@code 1.0 + np.diag(u)}, which adds 1 to
 * every entry, not only to the diagonal). Because A^T A is symmetric positive definite, U and V
 * coincide up to rounding, so X = U diag(u) U^T + (U 1)(U 1)^T: a positive definite part with
 * eigenvalues u_k plus a rank-one positive semidefinite part of trace F. Its eigenvalues are
 * therefore at least min u_k > 0, and one of them is of order F, which gives the heavy spread
 * of the paper's simulation (for F = 6 the median condition number is about 43 and about half
 * of the squared Frobenius norm lies off the diagonal). Rounding in the SVD leaves an asymmetry
 * of order 1e-16, removed by replacing X with (X + X^T) / 2; this moves the eigenvalues by the
 * same order only, so, as with scikit-learn (which does not symmetrize and does nothing
 * further), the result is positive definite unless some u_k is itself below ~1e-15
 * (probability ~1e-14 per draw). X is then divided by its Frobenius norm. The random numbers
 * come from the seed only (not numpy's generator, so values differ from scikit-learn's for the
 * same seed, but not in distribution).
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
    // J + diag(u): scikit-learn's 1.0 + np.diag(u) broadcasts the 1 to every entry
    DMatrixRMaj middle = new DMatrixRMaj(dim, dim);
    CommonOps_DDRM.fill(middle, 1.0);
    for (int k = 0; k < dim; k++) {
      middle.add(k, k, spectrumRandom.uniform());
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
