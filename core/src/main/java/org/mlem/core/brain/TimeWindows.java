package org.mlem.core.brain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Time windows over MEG/EEG epochs (stimuli x channels x time points) and the matrices they cut.
 *
 * <p>Window k covers {@code [t_0 + k * stride, t_0 + k * stride + width)}, where {@code t_0} is
 * the first time point; windows are made while they end no later than the epoch does (the last
 * time point plus one sampling period, the median step between time points), so every window is
 * full. A time point t is in a window when {@code start <= t < end}, both compared with a
 * tolerance of a millionth of the sampling period. Windows are named
 * {@code t=<start>-<end>s} with three decimals (more when three would give two windows the same
 * name).
 *
 * <p>The matrix of a window has one row per stimulus and {@code channels * count} columns,
 * channel-major: column {@code c * count + (t - first)} holds channel c at time point t.
 */
public final class TimeWindows {
  private TimeWindows() {}

  /**
   * The time points of a regular sampling.
   *
   * @param count time points
   * @param sfreq samples per second, > 0
   * @param t0 the time of the first point (s)
   */
  public static double[] regular(int count, double sfreq, double t0) {
    if (!(sfreq > 0) || Double.isInfinite(sfreq)) {
      throw new IllegalArgumentException("sfreq must be > 0, found " + sfreq);
    }
    double[] times = new double[count];
    for (int t = 0; t < count; t++) {
      times[t] = t0 + t / sfreq;
    }
    return times;
  }

  /**
   * The windows over the time points.
   *
   * @param times the time points (s), finite and strictly increasing, at least one
   * @param width the window width (s), > 0
   * @param stride the step between window starts (s), > 0
   * @param source the times' origin, named in messages
   * @throws IllegalArgumentException for bad times, a width or stride <= 0, or no full window
   */
  public static List<TimeWindow> of(double[] times, double width, double stride,
      String source) {
    if (!(width > 0) || Double.isInfinite(width)) {
      throw new IllegalArgumentException("window must be > 0 seconds, found " + width);
    }
    if (!(stride > 0) || Double.isInfinite(stride)) {
      throw new IllegalArgumentException("stride must be > 0 seconds, found " + stride);
    }
    if (times.length == 0) {
      throw new IllegalArgumentException(source + ": no time points");
    }
    for (int t = 0; t < times.length; t++) {
      if (!Double.isFinite(times[t])) {
        throw new IllegalArgumentException(source + ": time point " + t + " is " + times[t]
            + "; times must be finite");
      }
      if (t > 0 && !(times[t] > times[t - 1])) {
        throw new IllegalArgumentException(source + ": time point " + t + " (" + times[t]
            + " s) does not follow " + times[t - 1] + " s; times must increase strictly");
      }
    }
    double period = period(times, width);
    double tolerance = 1e-6 * period;
    double epochEnd = times[times.length - 1] + period;
    List<double[]> bounds = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    for (long k = 0; ; k++) {
      double start = times[0] + k * stride;
      double end = start + width;
      if (end > epochEnd + tolerance) {
        break;
      }
      int first = 0;
      while (first < times.length && times[first] < start - tolerance) {
        first++;
      }
      int last = first;
      while (last < times.length && times[last] < end - tolerance) {
        last++;
      }
      if (last == first) {
        throw new IllegalArgumentException(source + ": the window [" + plain(start) + ", "
            + plain(end) + ") s holds no time point; the window (" + plain(width) + " s) is"
            + " shorter than the sampling period (" + plain(period) + " s)");
      }
      bounds.add(new double[] {start, end});
      ranges.add(new int[] {first, last - first});
    }
    if (bounds.isEmpty()) {
      throw new IllegalArgumentException(source + ": a window of " + plain(width) + " s does"
          + " not fit in the epoch (" + plain(times[0]) + " to " + plain(epochEnd) + " s, "
          + times.length
          + " time points); give a shorter window");
    }
    List<String> names = names(bounds);
    List<TimeWindow> windows = new ArrayList<>();
    for (int w = 0; w < bounds.size(); w++) {
      windows.add(new TimeWindow(names.get(w), bounds.get(w)[0], bounds.get(w)[1],
          ranges.get(w)[0], ranges.get(w)[1]));
    }
    return List.copyOf(windows);
  }

  /**
   * The stimuli x (channels * count) matrix of one window (see the class comment).
   *
   * @param epochs stimuli x channels x times, row-major (C order)
   */
  public static double[] cut(double[] epochs, int stimuli, int channels, int times,
      TimeWindow w) {
    if ((long) stimuli * channels * times != epochs.length) {
      throw new IllegalArgumentException(epochs.length + " values are not " + stimuli + " x "
          + channels + " x " + times);
    }
    int columns = channels * w.count();
    double[] out = new double[stimuli * columns];
    for (int s = 0; s < stimuli; s++) {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(epochs, (s * channels + c) * times + w.first(), out,
            s * columns + c * w.count(), w.count());
      }
    }
    return out;
  }

  private static double period(double[] times, double width) {
    if (times.length == 1) {
      return width;
    }
    double[] steps = new double[times.length - 1];
    for (int t = 1; t < times.length; t++) {
      steps[t - 1] = times[t] - times[t - 1];
    }
    java.util.Arrays.sort(steps);
    return steps[steps.length / 2];
  }

  private static List<String> names(List<double[]> bounds) {
    for (int decimals = 3; ; decimals++) {
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (double[] b : bounds) {
        String name = "t=" + seconds(b[0], decimals) + "-" + seconds(b[1], decimals) + "s";
        names.add(name);
        seen.add(name);
      }
      if (seen.size() == names.size() || decimals >= 9) {
        return names;
      }
    }
  }

  /** Seconds rounded to the nanosecond, without trailing zeros. */
  static String plain(double seconds) {
    return java.math.BigDecimal.valueOf(Math.round(seconds * 1e9), 9).stripTrailingZeros()
        .toPlainString();
  }

  private static String seconds(double value, int decimals) {
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0\\.0*") ? text.substring(1) : text;
  }
}
