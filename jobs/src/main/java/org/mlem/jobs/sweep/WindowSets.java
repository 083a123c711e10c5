package org.mlem.jobs.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.brain.TimeWindow;
import org.mlem.core.brain.TimeWindows;
import org.mlem.jobs.io.ArrayFiles;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.io.NumericArray;
import org.mlem.jobs.io.RepresentationInput;

/**
 * The sets of MEG/EEG epochs (stimuli x channels x time points, a 3-D .npy or HDF5 dataset) cut
 * into time windows ({@link TimeWindows}): one set per window, named {@code t=<start>-<end>s},
 * stimuli x (channels * points in the window), channel-major. The time points come from
 * {@code --times} or {@code --sfreq} and {@code --t0}. The epochs are read and checked once
 * (finite values, times matching the time axis, the ids' count), before anything is written.
 */
final class WindowSets {
  private WindowSets() {}

  static List<RepresentationSet> discover(Configuration conf, RepresentationInput t,
      BrainInputs brain) {
    String uri = t.uri();
    InputPaths.requireReadable(conf, uri, "representations");
    NumericArray epochs = ArrayFiles.epochs(conf, t);
    int[] shape = epochs.shape();
    int stimuli = shape[0];
    int channels = shape[1];
    int points = shape[2];
    requireFinite(epochs.values(), shape, uri);
    List<InputFile> provenance = new ArrayList<>();
    provenance.add(ArrayFiles.describe(conf, uri, "representations"));
    double[] times;
    String timesSource;
    if (brain.times() != null) {
      InputPaths.requireReadable(conf, brain.times(), "times");
      times = ArrayFiles.vector(conf, brain.times());
      timesSource = brain.times();
      if (times.length != points) {
        throw new InputException(brain.times() + ": " + times.length + " time points but the"
            + " epochs (" + uri + ", shape " + epochs.shapeText() + ") have " + points
            + " along their last axis; give one time per point");
      }
      provenance.add(ArrayFiles.describe(conf, brain.times(), "times"));
    } else {
      times = TimeWindows.regular(points, brain.sfreq(), brain.t0());
      timesSource = uri + " (sfreq " + brain.sfreq() + " Hz, t0 " + brain.t0() + " s)";
    }
    if (t.idsUri() != null) {
      int ids = ArrayFiles.ids(conf, t.idsUri()).size();
      if (ids != stimuli) {
        throw new InputException(uri + ": " + stimuli + " stimuli (shape " + epochs.shapeText()
            + ") but the ids file " + t.idsUri() + " has " + ids + " ids; give one id per"
            + " stimulus, in order");
      }
      provenance.add(ArrayFiles.describe(conf, t.idsUri(), "representation ids"));
    }
    List<TimeWindow> windows;
    try {
      windows = TimeWindows.of(times, brain.window(),
          brain.stride() == null ? brain.window() : brain.stride(), timesSource);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    double[] values = epochs.values();
    List<RepresentationSet> sets = new ArrayList<>();
    for (TimeWindow w : windows) {
      Map<String, String> recorded = new LinkedHashMap<>();
      recorded.put("window-start", String.format(Locale.ROOT, "%.9g", w.start()));
      recorded.put("window-end", String.format(Locale.ROOT, "%.9g", w.end()));
      recorded.put("window-points", Integer.toString(w.count()));
      recorded.put("window-first-point", Integer.toString(w.first()));
      CutSet cut = new CutSet(stimuli, () -> new NumericArray(
          new int[] {stimuli, channels * w.count()},
          TimeWindows.cut(values, stimuli, channels, points, w)), provenance, recorded);
      String setUri = uri + " [" + w.name() + "]";
      sets.add(RepresentationSet.ofCut(RepresentationSets.checkedName(w.name(), setUri), setUri,
          t, cut));
    }
    return sets;
  }

  /** Refuses NaN or infinite values, counting them and naming the first. */
  private static void requireFinite(double[] values, int[] shape, String uri) {
    int bad = 0;
    int first = -1;
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        bad++;
        if (first < 0) {
          first = k;
        }
      }
    }
    if (bad > 0) {
      int s = first / (shape[1] * shape[2]);
      int c = (first / shape[2]) % shape[1];
      int p = first % shape[2];
      throw new InputException(uri + ": " + bad + " value" + (bad == 1 ? " is" : "s are")
          + " NaN or infinite (the first at stimulus " + s + ", channel " + c + ", time point "
          + p + "); clean or interpolate the epochs before fitting");
    }
  }
}
