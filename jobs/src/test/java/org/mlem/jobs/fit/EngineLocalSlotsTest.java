package org.mlem.jobs.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The task slots Spark gives each local master form, and none for other masters. */
class EngineLocalSlotsTest {
  @Test
  void localMastersHaveTheirThreadsAsSlots() {
    assertEquals(1, Engine.localSlots("local"));
    assertEquals(3, Engine.localSlots("local[3]"));
    assertEquals(4, Engine.localSlots("local[4,2]"));
    assertEquals(Runtime.getRuntime().availableProcessors(), Engine.localSlots("local[*]"));
  }

  @Test
  void otherMastersHaveNone() {
    assertEquals(0, Engine.localSlots("local-cluster[2,1,1024]"));
    assertEquals(0, Engine.localSlots("spark://127.0.0.1:7077"));
    assertEquals(0, Engine.localSlots("yarn"));
    assertEquals(0, Engine.localSlots("local[x]"));
  }
}
