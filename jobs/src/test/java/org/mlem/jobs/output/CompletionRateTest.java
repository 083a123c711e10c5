package org.mlem.jobs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines with a hand-driven clock: expected strings worked out by hand. */
class CompletionRateTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void rateCountsOnlyThisRunsUnitsAndTimeLeftFollowsIt() {
    AtomicLong now = new AtomicLong(0);
    CompletionRate r = new CompletionRate("sets", 12, 2, now::get);
    assertEquals("2/12 sets (17%)", r.line(), "nothing done yet: no rate");
    now.set(60 * SECOND);
    // 2 sets in 60 s = 2 sets/min; 8 left -> 4 minutes
    assertEquals("4/12 sets (33%)  2.0 sets/min  4m00s left", r.advance(2));
    now.set(90 * SECOND);
    // 6 sets in 90 s = 4 sets/min = 0.067/s; 4 left -> 60 s
    assertEquals("8/12 sets (67%)  4.0 sets/min  1m00s left", r.advance(4));
    now.set(94 * SECOND);
    assertEquals("12/12 sets (100%)  6.4 sets/min  nothing left", r.advance(4));
  }

  @Test
  void fastUnitsAreCountedPerSecond() {
    AtomicLong now = new AtomicLong(0);
    CompletionRate r = new CompletionRate("spheres", 2197, 0, now::get);
    now.set(10 * SECOND);
    // 110 in 10 s = 11/s; 2087 left -> 189.7 s = 3m10s
    assertEquals("110/2197 spheres (5%)  11.0 spheres/s  3m10s left", r.advance(110));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertEquals("42s", CompletionRate.duration(42.4));
    assertEquals("3m05s", CompletionRate.duration(185));
    assertEquals("2h07m", CompletionRate.duration(2 * 3600 + 7 * 60 + 59));
  }

  @Test
  void resumedBeyondTheTotalIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CompletionRate("sets", 2, 3));
  }
}
