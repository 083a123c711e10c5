package org.mlem.jobs.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Results in task order whatever the finishing order; failures rethrown as they are. */
class ParallelRunsTest {
  @Test
  void resultsComeBackInTaskOrder() throws Exception {
    List<Integer> results = ParallelRuns.run(12, 3, i -> {
      try {
        Thread.sleep((12 - i) * 3L); // later tasks finish first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return i * i;
    });
    assertEquals(IntStream.range(0, 12).map(i -> i * i).boxed().toList(), results);
    assertEquals(List.of(), ParallelRuns.run(0, 2, i -> i));
  }

  @Test
  void aFailingTaskRethrowsItsException() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParallelRuns.run(5, 2, i -> {
          if (i == 3) {
            throw new IllegalArgumentException("task 3 is bad");
          }
          return i;
        }));
    assertEquals("task 3 is bad", e.getMessage());
    assertEquals("threads must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> ParallelRuns.run(1, 0, i -> i))
            .getMessage());
  }
}
