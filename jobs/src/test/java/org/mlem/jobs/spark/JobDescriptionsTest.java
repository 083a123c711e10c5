package org.mlem.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairStream;

/** Job descriptions name the stream and the indices compactly. */
class JobDescriptionsTest {
  @Test
  void contiguousIndicesAreARange() {
    List<BatchRequest> requests = new ArrayList<>();
    for (int step = 16; step < 24; step++) {
      requests.add(new BatchRequest(PairStream.TRAINING, step, 10));
    }
    assertEquals("mlem: training steps 16-23", JobDescriptions.batches(requests));
    assertEquals("mlem: evaluation batches 3",
        JobDescriptions.batches(List.of(new BatchRequest(PairStream.EVALUATION, 3, 10))));
  }

  @Test
  void scatteredIndicesAreListedAndLongListsCut() {
    List<BatchRequest> requests = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      requests.add(new BatchRequest(PairStream.BATCH_SIZE, 10L * i, 10));
    }
    requests.add(new BatchRequest(PairStream.TRAINING, 2, 10));
    assertEquals("mlem: training steps 2; batch-size estimation batches 0, 10, 20, 30, 40, 50, "
        + "... (9 in all)", JobDescriptions.batches(requests));
  }

  @Test
  void importanceJobsCountTheirRounds() {
    assertEquals("mlem: permutation importance (1 round)", JobDescriptions.importance(1));
    assertEquals("mlem: permutation importance (10 rounds)", JobDescriptions.importance(10));
  }
}
