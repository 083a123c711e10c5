package org.mlem.jobs.tasks;

import java.io.Serializable;

/**
 * One small fit to run as part of a Spark task: a named subset of the shared representations'
 * columns (a searchlight sphere's voxels) and the fit's seed (derived from the run seed and the
 * name, as a sweep's sets are).
 *
 * @param name the set's name (a sphere's "i-j-k"), unique within a run
 * @param columns column indices of the shared representations, ascending
 * @param seed the fit's seed
 */
public record SmallFit(String name, int[] columns, long seed) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the columns. */
  public SmallFit {
    columns = columns.clone();
  }

  @Override
  public int[] columns() {
    return columns.clone();
  }
}
