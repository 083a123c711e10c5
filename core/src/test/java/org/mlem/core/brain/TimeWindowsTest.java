package org.mlem.core.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows over hand-checkable samplings. */
class TimeWindowsTest {
  @Test
  void windowsOfTwentyMsEveryTenMsAtOneKilohertz() {
    // 1000 Hz from -0.1 s: 300 points, -0.100 .. 0.199; 20 ms windows every 10 ms
    double[] times = TimeWindows.regular(300, 1000, -0.1);
    List<TimeWindow> w = TimeWindows.of(times, 0.020, 0.010, "t");
    // starts -0.100, -0.090, ..., 0.180 (the last ends at 0.200 = 0.199 + 1 ms): 29 windows
    assertEquals(29, w.size());
    assertEquals(new TimeWindow("t=-0.100--0.080s", -0.1, -0.08, 0, 20).name(), w.get(0).name());
    assertEquals(0, w.get(0).first());
    assertEquals(20, w.get(0).count());
    assertEquals("t=0.000-0.020s", w.get(10).name());
    assertEquals(100, w.get(10).first());
    assertEquals("t=0.180-0.200s", w.get(28).name());
    assertEquals(280, w.get(28).first());
    assertEquals(20, w.get(28).count());
  }

  @Test
  void irregularTimesCountThePointsInside() {
    double[] times = {0.0, 0.1, 0.2, 0.35, 0.4};
    // period = median step 0.1; epoch ends 0.5; windows [0, 0.2) [0.2, 0.4) [0.4, 0.6) > 0.5
    List<TimeWindow> w = TimeWindows.of(times, 0.2, 0.2, "t");
    assertEquals(2, w.size());
    assertEquals(2, w.get(0).count());
    assertEquals(2, w.get(1).first());
    assertEquals(2, w.get(1).count());
  }

  @Test
  void cutIsChannelMajor() {
    // 2 stimuli x 2 channels x 3 times, value = 100 s + 10 c + t
    double[] epochs = new double[12];
    for (int s = 0; s < 2; s++) {
      for (int c = 0; c < 2; c++) {
        for (int t = 0; t < 3; t++) {
          epochs[(s * 2 + c) * 3 + t] = 100 * s + 10 * c + t;
        }
      }
    }
    double[] cut = TimeWindows.cut(epochs, 2, 2, 3, new TimeWindow("w", 0, 1, 1, 2));
    assertArrayEquals(new double[] {1, 2, 11, 12, 101, 102, 111, 112}, cut, 0);
  }

  @Test
  void badWindowsAreNamed() {
    double[] times = TimeWindows.regular(10, 100, 0);
    assertEquals("t: a window of 0.5 s does not fit in the epoch (0 to 0.1 s, 10 time"
        + " points); give a shorter window", assertThrows(IllegalArgumentException.class,
            () -> TimeWindows.of(times, 0.5, 0.1, "t")).getMessage());
    assertEquals("window must be > 0 seconds, found 0.0", assertThrows(
        IllegalArgumentException.class, () -> TimeWindows.of(times, 0, 0.1, "t")).getMessage());
    assertEquals("t: time point 2 (0.1 s) does not follow 0.2 s; times must increase strictly",
        assertThrows(IllegalArgumentException.class,
            () -> TimeWindows.of(new double[] {0, 0.2, 0.1}, 0.1, 0.1, "t")).getMessage());
  }
}
