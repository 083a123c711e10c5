package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.brain.TimeWindow;
import org.mlem.core.brain.TimeWindows;

/**
 * The planted time course against its stated model: inside [0.1, 0.2) s the channels vary with
 * a by the patterns' variance, outside it and for b they vary with nothing; the noise has the
 * stated variance; the layout is the one {@link TimeWindows#cut} reads; the same seed gives the
 * same epochs.
 */
class PlantedTimeCourseTest {
  /** 600 stimuli (200 per level), 60 channels, noise sd 2, patterns sd 1. */
  static final PlantedTimeCourse.Options BIG = PlantedTimeCourse.Options.defaults()
      .withSizes(600, 60, 3).withSd(1, 2).withSeed(7);
  static final double NOISE_VARIANCE = 4;
  static final double NOISE_BETWEEN = 2.0 / 3 * NOISE_VARIANCE / 200;
  static final double PATTERN_BETWEEN = 2.0 / 3;

  @TempDir
  Path dir;

  static double[] series(PlantedTimeCourse p, int c, int t) {
    int nt = p.times().length;
    double[] v = new double[p.stimuli()];
    for (int s = 0; s < v.length; s++) {
      v[s] = p.epochs()[(s * p.channels() + c) * nt + t];
    }
    return v;
  }

  /** Mean between-level variance over the channels at the time points in or out of [0.1, 0.2). */
  static double meanBetween(PlantedTimeCourse p, String feature, boolean inside) {
    int[] level = p.features().levels(feature);
    double sum = 0;
    int n = 0;
    for (int t = 0; t < p.times().length; t++) {
      if (p.encoded(t) != inside) {
        continue;
      }
      for (int c = 0; c < p.channels(); c++) {
        sum += LevelStats.between(series(p, c, t), level, 3);
        n++;
      }
    }
    return sum / n;
  }

  @Test
  void theTimePointsAndTheEncodingIntervalAreTheStatedOnes() {
    PlantedTimeCourse p = PlantedTimeCourse.generate(PlantedTimeCourse.Options.defaults());
    double[] times = p.times();
    assertEquals(61, times.length);
    assertEquals(-0.1, times[0], 1e-12);
    assertEquals(0.5, times[60], 1e-12);
    // 0.100 s is point 20, 0.190 s point 29: ten points encoded
    for (int t = 0; t < 61; t++) {
      assertEquals(t >= 20 && t <= 29, p.encoded(t), "t = " + times[t]);
    }
    assertEquals(100 * 20 * 61, p.epochs().length);
    assertEquals(List.of("a", "b"), List.copyOf(p.columns().keySet()));
    assertEquals(100, p.ids().size());
  }

  @Test
  void aIsEncodedInsideTheIntervalOnlyAndBNowhere() {
    PlantedTimeCourse p = PlantedTimeCourse.generate(BIG);
    // inside: 60 channels' patterns ((L-1)/L variance, SE ~13%) plus the noise's share
    assertEquals(PATTERN_BETWEEN + NOISE_BETWEEN, meanBetween(p, "a", true), 0.25);
    // outside (51 points x 60 channels) and b everywhere: noise alone
    assertEquals(NOISE_BETWEEN, meanBetween(p, "a", false), 0.1 * NOISE_BETWEEN);
    assertEquals(NOISE_BETWEEN, meanBetween(p, "b", false), 0.1 * NOISE_BETWEEN);
    double crossed = 2.0 / 3 * (NOISE_VARIANCE + 2.0 / 3) / 200;
    assertEquals(crossed, meanBetween(p, "b", true), 0.3 * crossed);
    // the residual around the pattern: variance 4 inside, and the raw variance 4 outside
    int[] a = p.features().levels("a");
    double inside = 0;
    double outside = 0;
    int nIn = 0;
    int nOut = 0;
    for (int t = 0; t < p.times().length; t++) {
      for (int c = 0; c < p.channels(); c++) {
        double[] v = series(p, c, t);
        for (int s = 0; s < v.length; s++) {
          if (p.encoded(t)) {
            double e = v[s] - p.pattern(c, a[s]);
            inside += e * e;
            nIn++;
          } else {
            outside += v[s] * v[s];
            nOut++;
          }
        }
      }
    }
    assertEquals(NOISE_VARIANCE, inside / nIn, 0.05); // SE 4 sqrt(2 / 360k) = 0.01
    assertEquals(NOISE_VARIANCE, outside / nOut, 0.05);
  }

  @Test
  void windowsCutByTimeWindowsSeeTheEffectWhereItIs() {
    PlantedTimeCourse p = PlantedTimeCourse.generate(BIG);
    int nt = p.times().length;
    List<TimeWindow> windows = TimeWindows.of(p.times(), 0.1, 0.1, "planted");
    int[] a = p.features().levels("a");
    for (TimeWindow w : windows) {
      double[] m = TimeWindows.cut(p.epochs(), p.stimuli(), p.channels(), nt, w);
      int columns = p.channels() * w.count();
      double between = 0;
      for (int col = 0; col < columns; col++) {
        double[] v = new double[p.stimuli()];
        for (int s = 0; s < v.length; s++) {
          v[s] = m[s * columns + col];
        }
        between += LevelStats.between(v, a, 3) / columns;
      }
      boolean planted = w.name().equals("t=0.100-0.200s");
      assertEquals(planted, between > 0.3, w.name() + " " + between);
    }
    assertTrue(windows.stream().anyMatch(w -> w.name().equals("t=0.100-0.200s")));
  }

  @Test
  void theSameSeedGivesTheSameEpochsAndTheFeaturesWriteAsCsv() throws IOException {
    PlantedTimeCourse one = PlantedTimeCourse.generate(PlantedTimeCourse.Options.defaults());
    PlantedTimeCourse two = PlantedTimeCourse.generate(PlantedTimeCourse.Options.defaults());
    PlantedTimeCourse other = PlantedTimeCourse.generate(
        PlantedTimeCourse.Options.defaults().withSeed(9));
    assertArrayEquals(one.epochs(), two.epochs());
    assertEquals(one.columns(), two.columns());
    assertFalse(Arrays.equals(one.epochs(), other.epochs()));
    Path csv = dir.resolve("features.csv");
    one.writeFeaturesCsv(csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(101, lines.size());
    assertEquals("id,a,b", lines.get(0));
    assertEquals("s99," + one.columns().get("a").get(99) + "," + one.columns().get("b").get(99),
        lines.get(100));
  }
}
