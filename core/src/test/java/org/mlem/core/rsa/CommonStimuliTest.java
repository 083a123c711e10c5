package org.mlem.core.rsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.distance.IdsFrom;

class CommonStimuliTest {
  private static final List<String> NAMES = List.of("layer1", "layer2", "layer3");

  @Test
  void theSameIdsInAnyOrderAreJoinedById() {
    CommonStimuli c = CommonStimuli.of(NAMES, List.of(List.of("a", "b", "c", "d"),
        List.of("d", "c", "b", "a"), List.of("b", "a", "d", "c")), IdsFrom.REFUSE);
    assertEquals(List.of("a", "b", "c", "d"), c.ids());
    assertArrayEquals(new int[] {0, 1, 2, 3}, c.rows().get(0));
    assertArrayEquals(new int[] {3, 2, 1, 0}, c.rows().get(1));
    assertArrayEquals(new int[] {1, 0, 3, 2}, c.rows().get(2));
    assertEquals(0, c.droppedTotal());
  }

  @Test
  void refuseNamesBothSetsAndTheMissingIds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CommonStimuli.of(NAMES, List.of(List.of("a", "b", "c", "d"),
            List.of("a", "b", "c", "d"), List.of("a", "b", "c", "x")), IdsFrom.REFUSE));
    String m = e.getMessage();
    assertTrue(m.contains("'layer1'") && m.contains("'layer3'") && m.contains("(d)")
        && m.contains("(x)") && m.contains("ids-from to both"), m);
  }

  @Test
  void bothKeepsTheIdsCommonToAllAndCountsTheRest() {
    CommonStimuli c = CommonStimuli.of(NAMES, List.of(List.of("a", "b", "c", "d", "e", "f"),
        List.of("f", "e", "d", "c", "b"), List.of("b", "c", "d", "e", "f", "g", "h")),
        IdsFrom.BOTH);
    assertEquals(List.of("b", "c", "d", "e", "f"), c.ids());
    assertArrayEquals(new int[] {1, 0, 2}, c.dropped());
    assertEquals(List.of(List.of("a"), List.of(), List.of("g", "h")), c.droppedExamples());
    assertArrayEquals(new int[] {4, 3, 2, 1, 0}, c.rows().get(1));
    assertEquals(3, c.droppedTotal());
  }

  @Test
  void tooFewCommonIdsOrAFeatureRuleAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CommonStimuli.of(NAMES.subList(0, 2),
        List.of(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "x")), IdsFrom.BOTH));
    assertThrows(IllegalArgumentException.class, () -> CommonStimuli.of(NAMES.subList(0, 1),
        List.of(List.of("a", "b", "c", "d")), IdsFrom.FEATURES));
  }
}
