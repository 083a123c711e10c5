package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.GradientCheck;
import org.mlem.core.testing.TestVectors;
import org.mlem.core.testing.Tolerances;

class SoftRankTest {
  private static final String FILE = "soft_rank.json";

  @Test
  void matchesBlondelReferenceTestVectors() {
    String source = TestVectors.load(FILE).get("source").asText();
    List<JsonNode> cases = TestVectors.cases(FILE);
    assertEquals(8, cases.size());
    for (int c = 0; c < cases.size(); c++) {
      JsonNode k = cases.get(c);
      assertEquals("ASCENDING", k.get("direction").asText());
      SoftRank soft =
          SoftRank.compute(TestVectors.doubles(k.get("values")), k.get("regularization_strength").asDouble());
      assertArrayEquals(TestVectors.doubles(k.get("soft_rank")), soft.ranks(), Tolerances.SOFT_RANK,
          source + ", case " + c + ": soft_rank");
      assertArrayEquals(TestVectors.doubles(k.get("vjp")), soft.vjp(TestVectors.doubles(k.get("cotangent"))),
          Tolerances.SOFT_RANK, source + ", case " + c + ": vjp");
    }
  }

  @Test
  void vjpMatchesFiniteDifferences() {
    SplittableRandom random = new SplittableRandom(21);
    for (double strength : new double[] {0.05, 0.5, 1.0, 10.0}) {
      int n = 40;
      double[] x = new double[n];
      double[] g = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextGaussian();
        g[i] = random.nextGaussian();
      }
      double[] analytic = SoftRank.compute(x, strength).vjp(g);
      GradientCheck.assertMatches(v -> dot(g, SoftRank.compute(v, strength).ranks()), x, analytic);
    }
  }

  @Test
  void tendsToHardRanksAndToTheCentre() {
    double[] x = {0.3, -2.0, 1.7, 0.9, 5.0};
    assertArrayEquals(new double[] {2, 1, 4, 3, 5}, SoftRank.compute(x, 1e-3).ranks(), 1e-12);
    // Large strength: one PAV block, rank_i = (n + 1) / 2 + (x_i - mean(x)) / eps exactly.
    double[] flat = SoftRank.compute(x, 1e6).ranks();
    double mean = Arrays.stream(x).average().orElseThrow();
    for (int i = 0; i < x.length; i++) {
      assertEquals(3.0 + (x[i] - mean) / 1e6, flat[i], 1e-12);
    }
    // Ties fall in one block: equal soft ranks, summing like the hard average ranks.
    double[] tied = SoftRank.compute(new double[] {1, 1, 0}, 1e-3).ranks();
    assertArrayEquals(new double[] {2.5, 2.5, 1}, tied, 1e-12);
  }

  @Test
  void ranksSumToTheTotalOfHardRanks() {
    // The soft ranks are a projection onto the permutahedron, whose points sum to n (n + 1) / 2.
    SplittableRandom random = new SplittableRandom(2);
    double[] x = new double[101];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    SoftRank soft = SoftRank.compute(x, 0.3);
    assertEquals(101, soft.size());
    assertEquals(101 * 102 / 2.0, Arrays.stream(soft.ranks()).sum(), 1e-9);
    assertNotSame(soft.ranks(), soft.ranks());
  }

  @Test
  void isFastForTwentyThousandValues() {
    SplittableRandom random = new SplittableRandom(99);
    int n = 20_000;
    double[] x = new double[n];
    double[] g = new double[n];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
      g[i] = random.nextGaussian();
    }
    double sink = 0;
    for (int i = 0; i < 300; i++) {
      SoftRank soft = SoftRank.compute(x, 0.01);
      soft.vjpInto(g, out);
      sink += out[i];
    }
    // Best median over a few rounds: robust to other processes sharing the machine's two cores.
    double medianMillis = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 5; round++) {
      long[] nanos = new long[21];
      for (int i = 0; i < nanos.length; i++) {
        long start = System.nanoTime();
        SoftRank soft = SoftRank.compute(x, 0.01);
        soft.vjpInto(g, out);
        nanos[i] = System.nanoTime() - start;
        sink += out[i];
      }
      Arrays.sort(nanos);
      medianMillis = Math.min(medianMillis, nanos[nanos.length / 2] / 1e6);
    }
    assertTrue(Double.isFinite(sink));
    assertTrue(medianMillis < 2.0, "soft rank + vjp of 20000 values took " + medianMillis + " ms (median)");
  }

  @Test
  void callerMistakesAreRejected() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> SoftRank.compute(new double[] {1, 2}, 0.0));
    assertEquals("soft rank strength must be finite and > 0, found 0.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SoftRank.compute(new double[] {1, 2}, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> SoftRank.compute(new double[] {}, 1.0));
    e = assertThrows(
        IllegalArgumentException.class, () -> SoftRank.compute(new double[] {1, Double.NaN}, 1.0));
    assertEquals("values must contain only finite values, found NaN at position 1", e.getMessage());
    SoftRank soft = SoftRank.compute(new double[] {1, 2, 3}, 1.0);
    e = assertThrows(IllegalArgumentException.class, () -> soft.vjp(new double[] {1, 2}));
    assertEquals(
        "cotangent and out must have length 3 (the number of ranked values), found 2 and 3", e.getMessage());
    assertThrows(ArithmeticException.class, () -> SoftRank.compute(new double[] {1e300, 0}, 1e-300));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * A workspace reused over calls of changing sizes (radix and insertion paths, ties) gives the
   * bits of a fresh computation each time: the ranks and the backward pass.
   */
  @Test
  void aReusedWorkspaceGivesTheBitsOfAFreshComputation() {
    SplittableRandom random = new SplittableRandom(11);
    SoftRank.Workspace workspace = new SoftRank.Workspace();
    for (int n : new int[] {5000, 37, 5000, 12000, 2}) {
      double[] values = new double[n];
      double[] cotangent = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = Math.floor(random.nextDouble() * n / 4.0) * 0.5; // about four per tie
        cotangent[i] = random.nextGaussian();
      }
      double eps = 0.3;
      SoftRank fresh = SoftRank.compute(values, eps);
      SoftRank reused = SoftRank.compute(values, eps, workspace);
      double[] expected = fresh.ranks();
      double[] actual = reused.ranks();
      double[] expectedVjp = fresh.vjp(cotangent);
      double[] actualVjp = reused.vjp(cotangent);
      for (int i = 0; i < n; i++) {
        assertEquals(Double.doubleToRawLongBits(expected[i]),
            Double.doubleToRawLongBits(actual[i]), "n " + n + ", rank " + i);
        assertEquals(Double.doubleToRawLongBits(expectedVjp[i]),
            Double.doubleToRawLongBits(actualVjp[i]), "n " + n + ", vjp " + i);
      }
    }
  }
}
