package org.mlem.core.pairs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A split of the stimuli given with the data instead of drawn from the seed (docs/method.md
 * section 5, "Predefined splits"): each stimulus id carries a label, either {@code train} /
 * {@code test} (one train/test split, e.g. the official split a dataset such as THINGS ships) or
 * an integer fold id (k-fold cross-validation with those folds: fold f's test stimuli are the
 * stimuli labelled f, its training stimuli all the others; folds in increasing id order).
 *
 * <p>{@link #align} checks the labels against the analysed ids and refuses, naming a few ids and
 * counting them: an analysed id without a label, a labelled id that is not analysed, a label that
 * is neither train/test nor an integer (or a mix of the two kinds), and a side or fold with fewer
 * than {@value #MIN_STIMULI} stimuli (a Spearman over the pairs of one stimulus is undefined).
 *
 * @param kind {@code train/test} or {@code folds}
 * @param splits the splits, as {@link Splits} returns them (indices into the analysed ids)
 * @param foldIds the fold id of each split ({@code test} for a train/test split)
 */
public record PredefinedSplit(String kind, List<StimulusSplit> splits, List<String> foldIds) {
  /** The fewest stimuli a train or test side may have. */
  public static final int MIN_STIMULI = 2;
  /** The kind of a train/test split. */
  public static final String TRAIN_TEST = "train/test";
  /** The kind of a split into folds. */
  public static final String FOLDS = "folds";
  private static final int EXAMPLES = 5;

  /** Copies the lists. */
  public PredefinedSplit {
    splits = List.copyOf(splits);
    foldIds = List.copyOf(foldIds);
  }

  /**
   * Aligns labels by id to the analysed stimuli and builds the split.
   *
   * @param ids the analysed stimulus ids, in analysis order (index i = stimulus i)
   * @param labels the label of each id (train/test, case-insensitive, or an integer fold id such
   *     as {@code 3} or {@code 3.0}), in the source's order
   * @param source what the labels come from, for messages (e.g. {@code split file s.csv})
   * @return the split
   * @throws IllegalArgumentException naming the source, a few ids and counts on any problem
   */
  public static PredefinedSplit align(List<String> ids, Map<String, String> labels,
      String source) {
    Set<String> analysed = new HashSet<>(ids);
    List<String> unlabelled = new ArrayList<>();
    for (String id : ids) {
      if (!labels.containsKey(id)) {
        unlabelled.add(id);
      }
    }
    if (!unlabelled.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + unlabelled.size() + " of the "
          + ids.size() + " analysed stimuli have no split label, e.g. " + examples(unlabelled)
          + "; give every stimulus a label (train/test or a fold id)");
    }
    List<String> unknown = new ArrayList<>();
    for (String id : labels.keySet()) {
      if (!analysed.contains(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + unknown.size() + " ids are not among the "
          + ids.size() + " analysed stimuli, e.g. " + examples(unknown) + "; list only the "
          + "stimuli of the data (check the ids, or the --ids-from rule)");
    }
    Map<String, List<String>> bad = new LinkedHashMap<>();
    int trainTest = 0;
    TreeMap<Long, String> foldNames = new TreeMap<>();
    long[] fold = new long[ids.size()];
    boolean[] test = new boolean[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      String text = labels.get(ids.get(i));
      String label = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
      if (label.equals("train") || label.equals("test")) {
        trainTest++;
        test[i] = label.equals("test");
        continue;
      }
      Long f = foldId(label);
      if (f == null) {
        bad.computeIfAbsent(text == null ? "" : text, k -> new ArrayList<>()).add(ids.get(i));
      } else {
        fold[i] = f;
        foldNames.putIfAbsent(f, Long.toString(f));
      }
    }
    if (!bad.isEmpty()) {
      StringBuilder values = new StringBuilder();
      int count = 0;
      for (Map.Entry<String, List<String>> e : bad.entrySet()) {
        count += e.getValue().size();
        if (values.length() > 0) {
          values.append(", ");
        }
        values.append("'").append(e.getKey()).append("' (e.g. id ")
            .append(e.getValue().get(0)).append(")");
      }
      throw new IllegalArgumentException(source + ": " + count + " stimuli have an unknown split "
          + "value: " + values + "; use train/test, or integer fold ids");
    }
    if (trainTest > 0 && !foldNames.isEmpty()) {
      throw new IllegalArgumentException(source + ": mixes train/test labels (" + trainTest
          + " stimuli) with integer fold ids (" + (ids.size() - trainTest) + " stimuli); use one "
          + "kind of label");
    }
    if (trainTest > 0) {
      List<Integer> trainList = new ArrayList<>();
      List<Integer> testList = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        (test[i] ? testList : trainList).add(i);
      }
      requireEnough(source, "the training side", trainList.size());
      requireEnough(source, "the test side", testList.size());
      return new PredefinedSplit(TRAIN_TEST,
          List.of(new StimulusSplit(toArray(trainList), toArray(testList))), List.of("test"));
    }
    if (foldNames.size() < 2) {
      throw new IllegalArgumentException(source + ": every stimulus is in fold "
          + foldNames.firstKey() + "; folds need at least 2 distinct fold ids (or use "
          + "train/test labels)");
    }
    List<StimulusSplit> splits = new ArrayList<>();
    for (long f : foldNames.keySet()) {
      List<Integer> trainList = new ArrayList<>();
      List<Integer> testList = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        (fold[i] == f ? testList : trainList).add(i);
      }
      requireEnough(source, "fold " + f, testList.size());
      requireEnough(source, "the training stimuli of fold " + f, trainList.size());
      splits.add(new StimulusSplit(toArray(trainList), toArray(testList)));
    }
    return new PredefinedSplit(FOLDS, splits, new ArrayList<>(foldNames.values()));
  }

  /** A short description: "train/test (80 train, 20 test)" or "5 folds (ids 1, 2, ...)". */
  public String describe() {
    if (kind.equals(TRAIN_TEST)) {
      return TRAIN_TEST + " (" + splits.get(0).train().length + " train, "
          + splits.get(0).test().length + " test)";
    }
    return splits.size() + " folds (ids " + String.join(", ", foldIds) + ")";
  }

  /** An integer fold id ("3", "-1", "3.0"), or null. */
  private static Long foldId(String label) {
    if (label.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(label);
    } catch (NumberFormatException e) {
      try {
        double v = Double.parseDouble(label);
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
          return (long) v;
        }
      } catch (NumberFormatException ignored) {
        // not a number
      }
      return null;
    }
  }

  private static void requireEnough(String source, String what, int size) {
    if (size < MIN_STIMULI) {
      throw new IllegalArgumentException(source + ": " + what + " has " + size
          + (size == 1 ? " stimulus" : " stimuli") + "; each train or test side needs at least "
          + MIN_STIMULI);
    }
  }

  private static int[] toArray(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static String examples(List<String> ids) {
    List<String> shown = ids.subList(0, Math.min(EXAMPLES, ids.size()));
    return String.join(", ", shown) + (ids.size() > EXAMPLES ? ", ..." : "");
  }
}
