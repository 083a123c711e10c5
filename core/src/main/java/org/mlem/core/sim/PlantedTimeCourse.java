package org.mlem.core.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mlem.core.brain.TimeWindows;

/**
 * A small MEG-like dataset with an effect planted in a known time interval, to test a
 * time-resolved (sliding-window) analysis end to end: the scores must show feature a inside
 * the interval only, and feature b never.
 *
 * <p>Epochs are stimuli x channels x time points (default 100 x 20, times -0.1 to 0.5 s at
 * 100 Hz: 61 points, {@link TimeWindows#regular}). Stimuli {@code s0 ..} have two balanced
 * categorical features a and b of {@code levels} levels ({@link PlantedFeatures}). Each channel
 * c has a pattern {@code p_c(l) ~ N(0, signalSd^2)} per level l of a, and the value of stimulus
 * s, channel c at time t is {@code p_c(a_s) + e} when {@code start <= t < end} (default 0.100
 * to 0.200 s, compared with a tolerance of a millionth of the sampling period) and {@code e}
 * elsewhere, e ~ N(0, noiseSd^2) independent. Feature b is encoded nowhere (a control: its
 * score must stay at chance everywhere). The pattern is constant over the interval.
 *
 * <p>Deterministic: features, patterns and noise each come from their own stream of the seed.
 */
public final class PlantedTimeCourse {
  private static final long STREAM_FEATURES = 91;
  private static final long STREAM_PATTERNS = 101;
  private static final long STREAM_NOISE = 102;

  /**
   * The generator's parameters; {@link #defaults()} and the {@code with...} methods.
   *
   * @param stimuli n, >= levels (default 100)
   * @param channels >= 1 (default 20)
   * @param sfreq samples per second, > 0 (default 100)
   * @param tmin the first time point (s, default -0.1)
   * @param points time points, >= 1 (default 61: -0.1 to 0.5 s)
   * @param start the encoding interval's start (s, default 0.100)
   * @param end its end (s, exclusive, > start; default 0.200)
   * @param levels levels of each feature, >= 2 (default 3)
   * @param signalSd standard deviation of the patterns, >= 0 (default 1)
   * @param noiseSd standard deviation of the noise, > 0 (default 1)
   * @param seed the seed of every draw (default 1)
   */
  public record Options(int stimuli, int channels, double sfreq, double tmin, int points,
      double start, double end, int levels, double signalSd, double noiseSd, long seed) {
    /** Validates every parameter. */
    public Options {
      if (levels < 2) {
        throw new IllegalArgumentException("levels must be >= 2, found " + levels);
      }
      if (stimuli < levels) {
        throw new IllegalArgumentException("stimuli must be >= levels (" + levels
            + "), found " + stimuli);
      }
      if (channels < 1 || points < 1) {
        throw new IllegalArgumentException("channels and points must be >= 1, found "
            + channels + " and " + points);
      }
      if (!(sfreq > 0) || Double.isInfinite(sfreq)) {
        throw new IllegalArgumentException("sfreq must be > 0 and finite, found " + sfreq);
      }
      if (!Double.isFinite(tmin) || !Double.isFinite(start) || !Double.isFinite(end)
          || !(end > start)) {
        throw new IllegalArgumentException("the encoding interval must be finite with end >"
            + " start, found [" + start + ", " + end + ") and tmin " + tmin);
      }
      if (!(signalSd >= 0) || Double.isInfinite(signalSd)) {
        throw new IllegalArgumentException("signalSd must be >= 0 and finite, found "
            + signalSd);
      }
      if (!(noiseSd > 0) || Double.isInfinite(noiseSd)) {
        throw new IllegalArgumentException("noiseSd must be > 0 and finite, found " + noiseSd);
      }
    }

    /** 100 stimuli, 20 channels, -0.1 to 0.5 s at 100 Hz, a in [0.1, 0.2) s, seed 1. */
    public static Options defaults() {
      return new Options(100, 20, 100, -0.1, 61, 0.100, 0.200, 3, 1, 1, 1);
    }

    /** The same with another seed. */
    public Options withSeed(long s) {
      return new Options(stimuli, channels, sfreq, tmin, points, start, end, levels, signalSd,
          noiseSd, s);
    }

    /** The same with other standard deviations. */
    public Options withSd(double signal, double noise) {
      return new Options(stimuli, channels, sfreq, tmin, points, start, end, levels, signal,
          noise, seed);
    }

    /** The same with other sizes. */
    public Options withSizes(int n, int c, int l) {
      return new Options(n, c, sfreq, tmin, points, start, end, l, signalSd, noiseSd, seed);
    }
  }

  private final Options options;
  private final double[] times;
  private final boolean[] encoded;
  private final PlantedFeatures features;
  private final double[][] patterns;
  private final double[] epochs;

  private PlantedTimeCourse(Options o) {
    this.options = o;
    this.times = TimeWindows.regular(o.points(), o.sfreq(), o.tmin());
    double tolerance = 1e-6 / o.sfreq();
    this.encoded = new boolean[o.points()];
    for (int t = 0; t < times.length; t++) {
      encoded[t] = times[t] >= o.start() - tolerance && times[t] < o.end() - tolerance;
    }
    this.features = PlantedFeatures.balanced(o.stimuli(), o.levels(), List.of("a", "b"),
        o.seed(), STREAM_FEATURES);
    SimRandom p = new SimRandom(SimRandom.derive(o.seed(), STREAM_PATTERNS));
    this.patterns = new double[o.channels()][o.levels()];
    for (double[] row : patterns) {
      for (int l = 0; l < row.length; l++) {
        row[l] = o.signalSd() * p.gaussian();
      }
    }
    SimRandom noise = new SimRandom(SimRandom.derive(o.seed(), STREAM_NOISE));
    int[] a = features.levels("a");
    int nt = o.points();
    this.epochs = new double[o.stimuli() * o.channels() * nt];
    for (int s = 0; s < o.stimuli(); s++) {
      for (int c = 0; c < o.channels(); c++) {
        int base = (s * o.channels() + c) * nt;
        for (int t = 0; t < nt; t++) {
          double v = o.noiseSd() * noise.gaussian();
          epochs[base + t] = encoded[t] ? v + patterns[c][a[s]] : v;
        }
      }
    }
  }

  /** Generates the dataset (see the class comment). */
  public static PlantedTimeCourse generate(Options options) {
    return new PlantedTimeCourse(options);
  }

  /** The parameters. */
  public Options options() {
    return options;
  }

  /** Stimuli. */
  public int stimuli() {
    return options.stimuli();
  }

  /** Channels. */
  public int channels() {
    return options.channels();
  }

  /** The time points (s). */
  public double[] times() {
    return times.clone();
  }

  /** Whether a is encoded at time point t. */
  public boolean encoded(int t) {
    return encoded[t];
  }

  /** The stimulus ids {@code s0 ..}, in row order. */
  public List<String> ids() {
    return features.ids();
  }

  /** The features a and b, each a list of levels as text, in the order of the ids. */
  public Map<String, List<String>> columns() {
    return features.columns();
  }

  /** The feature table. */
  public PlantedFeatures features() {
    return features;
  }

  /** The pattern of a's level {@code level} on channel c. */
  public double pattern(int c, int level) {
    return patterns[c][level];
  }

  /**
   * The epochs, stimuli x channels x times, row-major (C order) as {@link TimeWindows#cut}
   * takes them: value (s, c, t) at {@code (s * channels + c) * times + t}. Not copied: do not
   * modify it.
   */
  public double[] epochs() {
    return epochs;
  }

  /** Writes the features as CSV ({@code id,a,b}). */
  public void writeFeaturesCsv(Path path) throws IOException {
    features.writeCsv(path);
  }
}
