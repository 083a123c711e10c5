package org.mlem.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.SetPlacement;

/**
 * How many sets a sweep fits at once: --concurrency when given; auto (0) = the session's task
 * slots exactly when sets may be fitted in Spark tasks on that master, else one at a time.
 */
class SweepConcurrencyTest {
  private static SweepSettings settings(int concurrency, SetPlacement placement) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("features", "f.csv");
    keys.put("representations", "layers/*");
    keys.put("out", "out");
    return new SweepSettings(FitSettings.resolve(keys), concurrency, "layer", null, false,
        BrainInputs.NONE, placement);
  }

  @Test
  void autoUsesEveryTaskSlotOnlyWhenSetsGoToTasks() {
    String cluster = "spark://127.0.0.1:7077";
    assertEquals(8, settings(0, SetPlacement.AUTO).concurrencyOn(cluster, 8));
    assertEquals(8, settings(0, SetPlacement.TASK).concurrencyOn(cluster, 8));
    assertEquals(2, settings(0, SetPlacement.TASK).concurrencyOn("local[2]", 2));
    assertEquals(1, settings(0, SetPlacement.AUTO).concurrencyOn("local[2]", 2),
        "auto placement fits locally from the driver: one set at a time");
    assertEquals(1, settings(0, SetPlacement.DRIVER).concurrencyOn(cluster, 8));
    assertEquals(1, settings(0, SetPlacement.TASK).concurrencyOn(cluster, 0),
        "no slot reported yet: still one");
  }

  @Test
  void aGivenConcurrencyIsKept() {
    assertEquals(3, settings(3, SetPlacement.AUTO).concurrencyOn("spark://h:7077", 8));
    assertEquals(3, settings(3, SetPlacement.DRIVER).concurrencyOn("local[2]", 2));
  }
}
