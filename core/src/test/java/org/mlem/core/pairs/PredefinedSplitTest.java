package org.mlem.core.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Predefined splits: labels by id reproduce the given stimuli exactly; every bad input named. */
class PredefinedSplitTest {
  private static final List<String> IDS = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static List<String> ids(int[] indices) {
    List<String> out = new ArrayList<>();
    for (int i : indices) {
      out.add(IDS.get(i));
    }
    return out;
  }

  @Test
  void trainTestLabelsGiveExactlyTheLabelledStimuli() {
    // labels listed in another order than the data, mixed case and blanks
    PredefinedSplit split = PredefinedSplit.align(IDS, labels("s7", "test", "s0", "TRAIN",
        "s3", " test ", "s1", "train", "s2", "train", "s4", "Train", "s5", "test", "s6", "train"),
        "split file x.csv");
    assertEquals(PredefinedSplit.TRAIN_TEST, split.kind());
    assertEquals(1, split.splits().size());
    assertEquals(List.of("s0", "s1", "s2", "s4", "s6"), ids(split.splits().get(0).train()));
    assertEquals(List.of("s3", "s5", "s7"), ids(split.splits().get(0).test()));
    assertEquals("train/test (5 train, 3 test)", split.describe());
  }

  @Test
  void integerLabelsGiveOneFoldPerIdInNumericOrder() {
    PredefinedSplit split = PredefinedSplit.align(IDS, labels("s0", "10", "s1", "2", "s2", "10",
        "s3", "2.0", "s4", "3", "s5", "3", "s6", "10", "s7", "2"), "column fold");
    assertEquals(PredefinedSplit.FOLDS, split.kind());
    assertEquals(List.of("2", "3", "10"), split.foldIds());
    assertEquals(List.of("s1", "s3", "s7"), ids(split.splits().get(0).test()));
    assertEquals(List.of("s4", "s5"), ids(split.splits().get(1).test()));
    assertEquals(List.of("s0", "s2", "s6"), ids(split.splits().get(2).test()));
    // a fold's training stimuli are all the others
    assertArrayEquals(new int[] {0, 2, 4, 5, 6}, split.splits().get(0).train());
  }

  @Test
  void missingAndUnknownIdsAreNamedAndCounted() {
    Map<String, String> missing = labels("s0", "train", "s1", "train", "s2", "test", "s3",
        "test");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PredefinedSplit.align(IDS, missing, "split file x.csv"));
    assertEquals("split file x.csv: 4 of the 8 analysed stimuli have no split label, e.g. s4, "
        + "s5, s6, s7; give every stimulus a label (train/test or a fold id)", e.getMessage());
    Map<String, String> extra = new LinkedHashMap<>();
    for (String id : IDS) {
      extra.put(id, id.equals("s0") || id.equals("s1") ? "test" : "train");
    }
    for (int k = 0; k < 7; k++) {
      extra.put("x" + k, "train");
    }
    e = assertThrows(IllegalArgumentException.class,
        () -> PredefinedSplit.align(IDS, extra, "split file x.csv"));
    assertTrue(e.getMessage().startsWith("split file x.csv: 7 ids are not among the 8 analysed "
        + "stimuli, e.g. x0, x1, x2, x3, x4, ..."), e.getMessage());
  }

  @Test
  void unknownValuesMixedKindsAndSmallFoldsAreRefused() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String id : IDS) {
      m.put(id, "train");
    }
    m.put("s2", "val");
    m.put("s5", "val");
    m.put("s6", "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PredefinedSplit.align(IDS, m, "c"));
    assertEquals("c: 3 stimuli have an unknown split value: 'val' (e.g. id s2), '' (e.g. id s6);"
        + " use train/test, or integer fold ids", e.getMessage());

    m.put("s2", "test");
    m.put("s5", "test");
    m.put("s6", "1");
    e = assertThrows(IllegalArgumentException.class, () -> PredefinedSplit.align(IDS, m, "c"));
    assertTrue(e.getMessage().contains("mixes train/test labels (7 stimuli) with integer fold ids"
        + " (1 stimuli)"), e.getMessage());

    m.put("s6", "train");
    m.put("s5", "train");
    e = assertThrows(IllegalArgumentException.class, () -> PredefinedSplit.align(IDS, m, "c"));
    assertEquals("c: the test side has 1 stimulus; each train or test side needs at least 2",
        e.getMessage());

    Map<String, String> folds = new LinkedHashMap<>();
    for (int i = 0; i < IDS.size(); i++) {
      folds.put(IDS.get(i), i == 7 ? "3" : Integer.toString(i % 2));
    }
    e = assertThrows(IllegalArgumentException.class,
        () -> PredefinedSplit.align(IDS, folds, "c"));
    assertEquals("c: fold 3 has 1 stimulus; each train or test side needs at least 2",
        e.getMessage());

    Map<String, String> one = new LinkedHashMap<>();
    IDS.forEach(id -> one.put(id, "4"));
    e = assertThrows(IllegalArgumentException.class, () -> PredefinedSplit.align(IDS, one, "c"));
    assertTrue(e.getMessage().startsWith("c: every stimulus is in fold 4"), e.getMessage());
  }
}
