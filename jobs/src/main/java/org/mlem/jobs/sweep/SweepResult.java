package org.mlem.jobs.sweep;

import org.mlem.jobs.output.SetStatus;
import java.util.List;

/**
 * What a sweep did: the outcome of every set (natural order) and the shared batch size.
 *
 * @param sets one outcome per set
 * @param batchSize the shared batch size
 */
public record SweepResult(List<SetOutcome> sets, SharedBatchSize batchSize) {
  /** Copies the list. */
  public SweepResult {
    sets = List.copyOf(sets);
  }

  /** How many sets failed. */
  public long failed() {
    return sets.stream().filter(s -> s.status() == SetStatus.FAILED).count();
  }
}
