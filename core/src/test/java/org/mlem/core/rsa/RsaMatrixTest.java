package org.mlem.core.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.rank.Spearman;

/**
 * The RSA matrix: a set with itself (or an identical copy) is exactly 1 with the interval [1, 1];
 * a copy with permuted stimuli is about 0, within a bound taken from the permutation null's
 * spread; the bootstrap interval covers the value, is reproducible by seed and thread count,
 * and narrows with more stimuli; a resample equals rsatoolbox's bootstrapped RDM built by hand.
 */
class RsaMatrixTest {
  private static final long SEED = 17;

  private static List<RsaEntry> matrix(List<double[]> rdms, SharedPairs pairs,
      RsaMeasure measure, int bootstrap, long seed, int threads) {
    List<String> names = new ArrayList<>();
    for (int s = 0; s < rdms.size(); s++) {
      names.add("set" + s);
    }
    return RsaMatrix.compute(names, rdms, pairs, measure, bootstrap, seed, threads);
  }

  private static RsaEntry cell(List<RsaEntry> entries, int a, int b) {
    return entries.stream().filter(e -> e.a() == a && e.b() == b).findFirst().orElseThrow();
  }

  @Test
  void aSetWithItselfIsOneAndAPermutedCopyIsAboutZero() {
    int n = 60;
    double[][] x = RsaData.points(1, n, 4);
    SharedPairs pairs = SharedPairs.of(n, 100_000, SEED);
    assertTrue(pairs.all());
    double[] a = RsaData.rdm(x, pairs);
    int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    // an identical copy read separately, and a copy whose rows hold other stimuli
    double[] copy = RsaData.rdm(RsaData.rows(x, identity), pairs);
    double[] permuted = RsaData.rdm(RsaData.rows(x, RsaData.permutation(99, n)), pairs);
    // the permutation null (Mantel): Spearman of a with 300 stimulus-permuted copies, by the
    // rank package's Spearman on RDMs written out by hand (not by the code under test)
    int nulls = 300;
    double sum = 0;
    double sumSq = 0;
    for (int k = 0; k < nulls; k++) {
      double r = Spearman.exact(a, RsaData.rdm(RsaData.rows(x,
          RsaData.permutation(1000 + k, n)), pairs));
      sum += r;
      sumSq += r * r;
    }
    double nullSd = Math.sqrt((sumSq - sum * sum / nulls) / (nulls - 1));
    double bound = 4 * nullSd;
    assertTrue(bound < 0.5, "the null's spread must leave room to tell 0 from 1: " + bound);

    for (RsaMeasure measure : RsaMeasure.values()) {
      List<RsaEntry> m = matrix(List.of(a, copy, permuted), pairs, measure, 200, SEED, 2);
      assertEquals(6, m.size());
      for (RsaEntry self : List.of(cell(m, 0, 0), cell(m, 0, 1), cell(m, 1, 1))) {
        assertEquals(1.0, self.value(), 0.0, measure + " " + self);
        assertEquals(1.0, self.ciLow(), 0.0, measure + " " + self);
        assertEquals(1.0, self.ciHigh(), 0.0, measure + " " + self);
        assertEquals(200, self.resamples());
      }
      RsaEntry shuffled = cell(m, 0, 2);
      // tau-a is about 2/3 of Spearman for such data, so the Spearman bound holds for it too
      assertTrue(Math.abs(shuffled.value()) < bound, measure + " permuted copy: "
          + shuffled.value() + " vs bound " + bound);
      assertTrue(shuffled.ciLow() < shuffled.value() && shuffled.value() < shuffled.ciHigh());
    }
  }

  @Test
  void theIntervalCoversTheValueIsReproducibleAndNarrowsWithMoreStimuli() {
    double[] width = new double[2];
    int[] sizes = {20, 120};
    for (int k = 0; k < sizes.length; k++) {
      int n = sizes[k];
      double[][] z = RsaData.points(2, n, 3);
      SharedPairs pairs = SharedPairs.of(n, 50_000, SEED);
      List<double[]> rdms = List.of(RsaData.rdm(RsaData.noisy(z, 0.7, 3), pairs),
          RsaData.rdm(RsaData.noisy(z, 0.7, 4), pairs));
      List<RsaEntry> m = matrix(rdms, pairs, RsaMeasure.SPEARMAN, 400, SEED, 2);
      RsaEntry e = cell(m, 0, 1);
      assertTrue(e.ciLow() < e.value() && e.value() < e.ciHigh(), e.toString());
      assertTrue(e.value() > 0.3, "two noisy views of the same points agree: " + e);
      width[k] = e.ciHigh() - e.ciLow();
      assertEquals(m, matrix(rdms, pairs, RsaMeasure.SPEARMAN, 400, SEED, 1), "threads");
      assertEquals(m, matrix(rdms, pairs, RsaMeasure.SPEARMAN, 400, SEED, 2), "rerun");
      RsaEntry other = cell(matrix(rdms, pairs, RsaMeasure.SPEARMAN, 400, SEED + 1, 2), 0, 1);
      assertEquals(e.value(), other.value(), 0.0, "the value does not depend on the seed");
      assertNotEquals(e.ciLow(), other.ciLow(), "another seed, other resamples");
      List<RsaEntry> tau = matrix(rdms, pairs, RsaMeasure.KENDALL_TAU_A, 100, SEED, 2);
      RsaEntry t = cell(tau, 0, 1);
      assertTrue(t.ciLow() < t.value() && t.value() < t.ciHigh(), t.toString());
      assertEquals(tau, matrix(rdms, pairs, RsaMeasure.KENDALL_TAU_A, 100, SEED, 1));
    }
    // the standard error shrinks about as 1 / sqrt(n): 6 times the stimuli, well under 2/3
    assertTrue(width[1] < 0.67 * width[0], "widths " + width[0] + " and " + width[1]);
  }

  /**
   * Resample r of the matrix is rsatoolbox's bootstrap_sample_rdm written out by hand: draw n
   * stimuli with replacement, take the distance of every two draws of distinct stimuli (two
   * draws of one stimulus give no entry), and correlate the two lists.
   */
  @Test
  void aResampleIsTheBootstrappedRdmBuiltByHand() {
    int n = 15;
    double[][] z = RsaData.points(5, n, 3);
    SharedPairs pairs = SharedPairs.of(n, 1000, SEED);
    double[][] xa = RsaData.noisy(z, 0.5, 6);
    double[][] xb = RsaData.noisy(z, 0.5, 7);
    List<double[]> rdms = List.of(RsaData.rdm(xa, pairs), RsaData.rdm(xb, pairs));
    // one resample: its interval is its single value
    RsaEntry e = cell(matrix(rdms, pairs, RsaMeasure.SPEARMAN, 1, SEED, 1), 0, 1);
    assertEquals(e.ciLow(), e.ciHigh(), 0.0);
    int[] draws = new int[n];
    for (int k = 0; k < n; k++) {
      draws[k] = (int) PositionalRandom.below(
          PositionalRandom.mix(SEED, StimulusBootstrap.STREAM, 0, k), n);
    }
    List<Double> da = new ArrayList<>();
    List<Double> db = new ArrayList<>();
    for (int s = 1; s < n; s++) {
      for (int t = 0; t < s; t++) {
        if (draws[s] != draws[t]) {
          da.add(distance(xa[draws[s]], xa[draws[t]]));
          db.add(distance(xb[draws[s]], xb[draws[t]]));
        }
      }
    }
    double expected = Spearman.exact(da.stream().mapToDouble(Double::doubleValue).toArray(),
        db.stream().mapToDouble(Double::doubleValue).toArray());
    assertEquals(expected, e.ciLow(), 1e-12);
  }

  @Test
  void aConstantRdmIsRefusedNamingTheSet() {
    SharedPairs pairs = SharedPairs.of(5, 100, SEED);
    double[] flat = new double[pairs.size()];
    java.util.Arrays.fill(flat, 2.0);
    double[] fine = RsaData.rdm(RsaData.points(8, 5, 2), pairs);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RsaMatrix.compute(List.of("good", "flat"), List.of(fine, flat), pairs,
            RsaMeasure.SPEARMAN, 10, SEED, 1));
    assertTrue(e.getMessage().contains("set flat"), e.getMessage());
  }

  @Test
  void withoutBootstrapThereIsNoInterval() {
    SharedPairs pairs = SharedPairs.of(8, 100, SEED);
    double[] a = RsaData.rdm(RsaData.points(9, 8, 2), pairs);
    RsaEntry e = cell(matrix(List.of(a, a), pairs, RsaMeasure.SPEARMAN, 0, SEED, 1), 0, 1);
    assertEquals(1.0, e.value(), 0.0);
    assertTrue(Double.isNaN(e.ciLow()) && Double.isNaN(e.ciHigh()));
    assertEquals(0, e.resamples());
  }

  private static double distance(double[] u, double[] v) {
    double s = 0;
    for (int c = 0; c < u.length; c++) {
      s += (u[c] - v[c]) * (u[c] - v[c]);
    }
    return Math.sqrt(s);
  }
}
