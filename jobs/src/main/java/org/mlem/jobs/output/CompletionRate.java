package org.mlem.jobs.output;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a job of many units (a sweep's sets, a searchlight's spheres) has come, for its
 * progress lines: units done of the total with the percentage, the rate of the units done in
 * this run (resumed ones are counted as done but not in the rate) and the time left at that
 * rate, e.g. {@code 7/12 sets (58%)  2.4 sets/min  2m05s left}. Thread-safe: concurrent sets
 * report to one instance.
 */
public final class CompletionRate {
  private final String unit;
  private final int total;
  private final int resumed;
  private final LongSupplier clock;
  private final long start;
  private int done;

  /**
   * @param unit the plural noun printed, e.g. "sets"
   * @param total all units of the job, resumed ones included, >= 0
   * @param resumed units already complete before this run, in [0, total]
   */
  public CompletionRate(String unit, int total, int resumed) {
    this(unit, total, resumed, System::nanoTime);
  }

  /** As above, with the clock (nanoseconds) given: for tests. */
  CompletionRate(String unit, int total, int resumed, LongSupplier clock) {
    if (total < 0 || resumed < 0 || resumed > total) {
      throw new IllegalArgumentException("resumed must be in [0, total], found " + resumed
          + " of " + total);
    }
    this.unit = unit;
    this.total = total;
    this.resumed = resumed;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /**
   * Records {@code count} more units done in this run and returns the progress line.
   *
   * @param count units just completed, >= 0
   */
  public synchronized String advance(int count) {
    done += count;
    return line();
  }

  /** The progress line as of now. */
  public synchronized String line() {
    int complete = Math.min(total, resumed + done);
    double elapsed = (clock.getAsLong() - start) / 1e9;
    int left = total - complete;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d/%d %s (%.0f%%)",
        complete, total, unit, total == 0 ? 100.0 : 100.0 * complete / total));
    if (done > 0 && elapsed > 0) {
      double perSecond = done / elapsed;
      b.append(perSecond >= 1 ? String.format(Locale.ROOT, "  %.1f %s/s", perSecond, unit)
          : String.format(Locale.ROOT, "  %.1f %s/min", perSecond * 60, unit));
      b.append("  ").append(left == 0 ? "nothing" : duration(left / perSecond)).append(" left");
    }
    return b.toString();
  }

  /** A duration for people: 42s, 3m05s, 2h07m. */
  public static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
