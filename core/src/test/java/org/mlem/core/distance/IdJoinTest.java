package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The id join under each {@link IdsFrom} rule, on small lists checked by hand. */
class IdJoinTest {
  private static final List<String> FEATURES = List.of("a", "b", "c", "d", "e");
  // Same size as FEATURES (5) but different ids: c and e are missing, q and r are extra.
  private static final List<String> NEURAL = List.of("r", "d", "b", "q", "a");

  private static IdJoin join(IdsFrom from, List<String> f, List<String> n) {
    return IdJoin.of(f, n, from, "features (f.csv)", "representations (r.npy)",
        "representations");
  }

  @Test
  void refuseSaysHowManyIdsEachSideLacksNotTheEqualCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> join(IdsFrom.REFUSE, FEATURES, NEURAL));
    assertEquals("the stimulus ids of the features (f.csv) and the representations (r.npy)"
        + " differ: 2 of the 5 ids of the features are not in the representations (c, e); 2 of"
        + " the 5 ids of the representations are not in the features (r, q); ids are joined, not"
        + " matched by position: make both list the same stimuli, or set ids-from to features,"
        + " representations or both to analyse one side's ids or their intersection (the rest"
        + " is dropped and reported)", e.getMessage());
  }

  @Test
  void refuseWithOneSideCompleteSaysSoAndShowsAtMostFiveExamples() {
    List<String> neural = List.of("a", "b", "c", "d", "e", "x1", "x2", "x3", "x4", "x5", "x6");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> join(IdsFrom.REFUSE, FEATURES, neural));
    assertTrue(e.getMessage().contains("differ: all 5 ids of the features are in the"
        + " representations; 6 of the 11 ids of the representations are not in the features"
        + " (x1, x2, x3, x4, x5, ...);"), e.getMessage());
  }

  @Test
  void sameIdsInAnotherOrderJoinToTheFeatureOrder() {
    IdJoin j = join(IdsFrom.REFUSE, FEATURES, List.of("e", "d", "c", "b", "a"));
    assertEquals(FEATURES, j.ids());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, j.featureRows());
    assertArrayEquals(new int[] {4, 3, 2, 1, 0}, j.neuralRows());
    assertEquals(false, j.isIdentity());
    assertNull(j.warning("features (f.csv)", "representations"));
    assertTrue(join(IdsFrom.REFUSE, FEATURES, FEATURES).isIdentity());
  }

  @Test
  void bothKeepsTheIntersectionInFeatureOrderAndReportsBothSides() {
    IdJoin j = join(IdsFrom.BOTH, FEATURES, NEURAL);
    assertEquals(List.of("a", "b", "d"), j.ids());
    assertArrayEquals(new int[] {0, 1, 3}, j.featureRows());
    assertArrayEquals(new int[] {4, 2, 1}, j.neuralRows());
    assertEquals(2, j.featuresDropped());
    assertEquals(List.of("c", "e"), j.featuresDroppedExamples());
    assertEquals(2, j.neuralDropped());
    assertEquals(List.of("r", "q"), j.neuralDroppedExamples());
    assertEquals("ids-from both: analysing 3 stimuli; dropped 2 of the 5 ids of the features"
        + " (f.csv) (no representations): c, e and 2 of the 5 ids of the representations (no"
        + " feature row): r, q", j.warning("features (f.csv)", "representations"));
  }

  @Test
  void featuresDropsExtraNeuralRowsAndRefusesMissingOnes() {
    IdJoin j = join(IdsFrom.FEATURES, List.of("a", "b"), NEURAL);
    assertEquals(List.of("a", "b"), j.ids());
    assertArrayEquals(new int[] {4, 2}, j.neuralRows());
    assertEquals(0, j.featuresDropped());
    assertEquals(3, j.neuralDropped());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> join(IdsFrom.FEATURES, FEATURES, NEURAL));
    assertEquals("ids-from features: the stimulus ids of the features (f.csv) and the"
        + " representations (r.npy) differ: 2 of the 5 ids of the features are not in the"
        + " representations (c, e); every stimulus of the feature table needs representations:"
        + " set ids-from to both to analyse the intersection", e.getMessage());
  }

  @Test
  void representationsDropsFeatureRowsWithoutNeuralDataAndRefusesExtraOnes() {
    IdJoin j = join(IdsFrom.REPRESENTATIONS, FEATURES, List.of("d", "a"));
    assertEquals(List.of("a", "d"), j.ids());
    assertArrayEquals(new int[] {0, 3}, j.featureRows());
    assertArrayEquals(new int[] {1, 0}, j.neuralRows());
    assertEquals(3, j.featuresDropped());
    assertEquals(List.of("b", "c", "e"), j.featuresDroppedExamples());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> join(IdsFrom.REPRESENTATIONS, FEATURES, NEURAL));
    assertEquals("ids-from representations: the stimulus ids of the features (f.csv) and the"
        + " representations (r.npy) differ: 2 of the 5 ids of the representations are not in"
        + " the features (r, q); every stimulus of the representations needs a feature row: set"
        + " ids-from to both to analyse the intersection", e.getMessage());
  }

  @Test
  void noCommonIdIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> join(IdsFrom.BOTH, List.of("a", "b"), List.of("x", "y")));
    assertEquals("no stimulus id is in both the features (f.csv) and the representations"
        + " (r.npy) (ids of the features: a, b; of the representations: x, y); check the id"
        + " columns", e.getMessage());
  }

  @Test
  void representationsAreSelectedAndReorderedByTheJoin() {
    Representations r = Representations.of(NEURAL,
        new float[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, 2);
    Representations joined = r.joined(join(IdsFrom.BOTH, FEATURES, NEURAL));
    assertEquals(List.of("a", "b", "d"), joined.ids());
    assertArrayEquals(new float[] {4, 4, 2, 2, 1, 1}, joined.data());
    assertSame(r, r.joined(join(IdsFrom.REFUSE, NEURAL, NEURAL)));
  }

  @Test
  void parseNamesTheValidValues() {
    assertEquals(IdsFrom.BOTH, IdsFrom.parse("Both"));
    assertEquals("ids-from must be one of refuse, features, representations or both, found"
        + " 'all'", assertThrows(IllegalArgumentException.class, () -> IdsFrom.parse("all"))
        .getMessage());
  }
}
