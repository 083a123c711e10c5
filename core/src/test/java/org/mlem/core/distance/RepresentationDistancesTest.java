package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.pairs.PositionalRandom;

class RepresentationDistancesTest {
  /** Float storage against a double-precision formula on the same float values. */
  private static final double RELATIVE = 1e-5;
  /** Double accumulation against a closed form on rows with a large offset. */
  private static final double DOUBLE_ACCUMULATION_RELATIVE = 1e-6;
  /** Relative error float accumulation exceeds on those rows. */
  private static final double FLOAT_ACCUMULATION_ERROR = 1e-2;

  private static final int N = 12;
  private static final int DIMS = 77; // not a multiple of 4: exercises the tail loop

  private static Representations randomReps() {
    double[][] rows = new double[N][DIMS];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      for (int c = 0; c < DIMS; c++) {
        rows[i][c] = 3.0 + PositionalRandom.gaussian(PositionalRandom.mix(1, i, c));
      }
    }
    return Representations.fromRows(ids, rows);
  }

  private static double[] row(Representations reps, int i) {
    double[] r = new double[reps.dims()];
    for (int c = 0; c < r.length; c++) {
      r[c] = reps.value(i, c);
    }
    return r;
  }

  private static double reference(NeuralDistance metric, double[] x, double[] y) {
    double sq = 0;
    double abs = 0;
    double dot = 0;
    double nx = 0;
    double ny = 0;
    double mx = 0;
    double my = 0;
    for (int c = 0; c < x.length; c++) {
      sq += (x[c] - y[c]) * (x[c] - y[c]);
      abs += Math.abs(x[c] - y[c]);
      dot += x[c] * y[c];
      nx += x[c] * x[c];
      ny += y[c] * y[c];
      mx += x[c] / x.length;
      my += y[c] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int c = 0; c < x.length; c++) {
      sxy += (x[c] - mx) * (y[c] - my);
      sxx += (x[c] - mx) * (x[c] - mx);
      syy += (y[c] - my) * (y[c] - my);
    }
    return switch (metric) {
      case EUCLIDEAN -> Math.sqrt(sq);
      case SQEUCLIDEAN -> sq;
      case MANHATTAN -> abs;
      case COSINE -> 1 - dot / Math.sqrt(nx * ny);
      case CORRELATION -> 1 - sxy / Math.sqrt(sxx * syy);
      case NORM_DIFF -> Math.abs(Math.sqrt(nx) - Math.sqrt(ny));
    };
  }

  @Test
  void everyMetricMatchesTheDoublePrecisionFormula() {
    Representations reps = randomReps();
    for (NeuralDistance metric : NeuralDistance.values()) {
      RepresentationDistances distances = new RepresentationDistances(reps, metric);
      assertEquals(N, distances.size());
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
          double expected = reference(metric, row(reps, i), row(reps, j));
          double actual = distances.distance(i, j);
          assertEquals(expected, actual, RELATIVE * Math.max(1e-3, Math.abs(expected)),
              metric + " (" + i + ", " + j + ")");
          assertEquals(actual, distances.distance(j, i), 0.0, metric + " symmetry");
        }
      }
    }
  }

  /**
   * Rows with a large common offset, where 1 - cos and 1 - r are small differences of large sums:
   * x = c + a s, y = c + a t, z = c + a (s + t) with c = 1000, a = 0.5 (all exact in float) and
   * s_k = (-1)^k, t_k = (-1)^floor(k / 2), zero-mean and orthogonal over 4100 dims. Closed forms:
   * cosine(x, y) = a^2 / (c^2 + a^2), cosine(x, z) = 1 - sqrt((c^2 + a^2) / (c^2 + 2 a^2)),
   * correlation(x, y) = 1 - 0 and correlation(x, z) = 1 - 1 / sqrt(2).
   */
  @Test
  void cosineAndCorrelationAccumulateInDoubleOnRowsWithLargeOffsets() {
    int dims = 4100; // a multiple of 4 (s and t zero-mean and orthogonal), not of 16: tails run
    double c = 1000;
    double a = 0.5;
    float[] data = new float[3 * dims];
    for (int k = 0; k < dims; k++) {
      double sk = k % 2 == 0 ? 1 : -1;
      double tk = (k / 2) % 2 == 0 ? 1 : -1;
      data[k] = (float) (c + a * sk);
      data[dims + k] = (float) (c + a * tk);
      data[2 * dims + k] = (float) (c + a * (sk + tk));
    }
    Representations reps = Representations.of(List.of("x", "y", "z"), data, dims);
    RepresentationDistances cosine = new RepresentationDistances(reps, NeuralDistance.COSINE);
    RepresentationDistances correlation =
        new RepresentationDistances(reps, NeuralDistance.CORRELATION);
    double cosXy = a * a / (c * c + a * a);
    double cosXz = 1 - Math.sqrt((c * c + a * a) / (c * c + 2 * a * a));
    assertEquals(cosXy, cosine.distance(0, 1), DOUBLE_ACCUMULATION_RELATIVE * cosXy);
    assertEquals(cosXz, cosine.distance(0, 2), DOUBLE_ACCUMULATION_RELATIVE * cosXz);
    assertEquals(1.0, correlation.distance(0, 1), DOUBLE_ACCUMULATION_RELATIVE);
    assertEquals(1 - Math.sqrt(0.5), correlation.distance(0, 2), DOUBLE_ACCUMULATION_RELATIVE);
    // symmetric bit for bit
    assertEquals(cosine.distance(0, 1), cosine.distance(1, 0), 0.0);
    assertEquals(correlation.distance(0, 2), correlation.distance(2, 0), 0.0);

    // the test has teeth: the float-accumulated dot products used before are off by more than
    // FLOAT_ACCUMULATION_ERROR relative on the same rows
    double floatCosXy = 1 - FloatKernels.dot(data, 0, data, dims, dims)
        / Math.sqrt(FloatKernels.dot(data, 0, data, 0, dims)
            * FloatKernels.dot(data, dims, data, dims, dims));
    assertTrue(Math.abs(floatCosXy - cosXy) > FLOAT_ACCUMULATION_ERROR * cosXy,
        "float accumulation gave " + floatCosXy + " for " + cosXy);
    // and a one-pass correlation from float sums, (sum xy - n mx my) / ..., is off too
    double n = dims;
    double sx = FloatKernels.dot(data, 0, ones(dims), 0, dims);
    double sy = FloatKernels.dot(data, dims, ones(dims), 0, dims);
    double sxy = FloatKernels.dot(data, 0, data, dims, dims);
    double sxx = FloatKernels.dot(data, 0, data, 0, dims);
    double syy = FloatKernels.dot(data, dims, data, dims, dims);
    double onePass = 1 - (sxy - sx * sy / n)
        / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    assertTrue(Math.abs(onePass - 1.0) > FLOAT_ACCUMULATION_ERROR,
        "one-pass float correlation distance " + onePass);
  }

  private static float[] ones(int dims) {
    float[] out = new float[dims];
    java.util.Arrays.fill(out, 1f);
    return out;
  }

  @Test
  void knownValuesOnTinyVectors() {
    Representations reps = Representations.fromRows(
        List.of("a", "b", "c"), new double[][] {{1, 0}, {0, 1}, {2, 0}});
    assertEquals(Math.sqrt(2), new RepresentationDistances(reps, NeuralDistance.EUCLIDEAN)
        .distance(0, 1), 1e-12);
    assertEquals(2, new RepresentationDistances(reps, NeuralDistance.MANHATTAN).distance(0, 1));
    assertEquals(1, new RepresentationDistances(reps, NeuralDistance.COSINE).distance(0, 1), 1e-12);
    assertEquals(0, new RepresentationDistances(reps, NeuralDistance.COSINE).distance(0, 2), 1e-12);
    assertEquals(2, new RepresentationDistances(reps, NeuralDistance.CORRELATION).distance(0, 1),
        1e-12);
    assertEquals(1, new RepresentationDistances(reps, NeuralDistance.NORM_DIFF).distance(0, 2));
  }

  @Test
  void batchDistancesMatchSingleDistances() {
    RepresentationDistances distances =
        new RepresentationDistances(randomReps(), NeuralDistance.CORRELATION);
    int[] first = {0, 1, 2, 3, 4, 5};
    int[] second = {6, 7, 8, 9, 10, 11};
    double[] out = new double[4];
    distances.distances(first, second, 1, 5, out);
    for (int r = 0; r < 4; r++) {
      assertEquals(distances.distance(first[r + 1], second[r + 1]), out[r], 0.0);
    }
  }

  @Test
  void zeroNormUnderCosineAndConstantUnderCorrelationNameTheStimulus() {
    Representations reps = Representations.fromRows(
        List.of("a", "flat", "zero"), new double[][] {{1, 2, 3}, {5, 5, 5}, {0, 0, 0}});
    assertEquals(
        "cosine distance: stimulus 'zero' (row 2) has a zero-norm representation; its cosine is"
            + " undefined",
        assertThrows(IllegalArgumentException.class,
            () -> new RepresentationDistances(reps, NeuralDistance.COSINE)).getMessage());
    assertEquals(
        "correlation distance: stimulus 'flat' (row 1) has a constant representation; its"
            + " correlation is undefined",
        assertThrows(IllegalArgumentException.class,
            () -> new RepresentationDistances(reps, NeuralDistance.CORRELATION)).getMessage());
    assertEquals(0.0,
        new RepresentationDistances(reps, NeuralDistance.EUCLIDEAN).distance(2, 2));
  }

  @Test
  void survivesJavaSerialization() throws IOException, ClassNotFoundException {
    RepresentationDistances distances =
        new RepresentationDistances(randomReps(), NeuralDistance.COSINE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(distances);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      PairDistances copy = (PairDistances) in.readObject();
      assertEquals(distances.distance(2, 7), copy.distance(2, 7), 0.0);
    }
  }
}
