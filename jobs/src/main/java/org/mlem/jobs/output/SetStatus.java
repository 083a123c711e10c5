package org.mlem.jobs.output;

/** What happened to one set of a sweep, as written in sweep.json and the combined table. */
public enum SetStatus {
  /** Fitted in this run; its run directory is complete. */
  OK("ok"),
  /** Degenerate or unreadable: no run directory; the reason says why. */
  FAILED("failed"),
  /** Its run directory was already complete (_SUCCESS) from an earlier run: not redone. */
  SKIPPED_COMPLETE("skipped-complete");

  private final String label;

  SetStatus(String label) {
    this.label = label;
  }

  /** The label written to files: ok, failed or skipped-complete. */
  public String label() {
    return label;
  }

  /**
   * How a status written to files is shown to users: "ok (resumed)" for a set an earlier run
   * of the same command completed (a resumed set is as good as a fresh one), the label itself
   * otherwise (also for a label this version does not know).
   */
  public static String display(String label) {
    return SKIPPED_COMPLETE.label.equals(label) ? "ok (resumed)" : label;
  }
}
