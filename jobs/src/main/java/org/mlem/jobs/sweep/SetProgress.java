package org.mlem.jobs.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.output.Interruption;

/**
 * Training progress of one set on the shared console: {@code set i/n <name>: step s score x best
 * y}, at most every 10 steps or every 2 seconds, whichever comes later; silent when quiet. Lines
 * of concurrent sets never interleave within a line (the console is locked per line). Each step
 * first consults {@link Interruption}: a Ctrl-C stops the set at the next step.
 */
final class SetProgress implements TrainingProgress {
  private static final int EVERY_STEPS = 10;
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter out;
  private final String prefix;
  private final boolean quiet;
  private long lastPrint = System.nanoTime();
  private int lastStep = 0;

  SetProgress(PrintWriter out, int index, int count, String name, boolean quiet) {
    this.out = out;
    this.prefix = "set " + index + "/" + count + " " + name + ":";
    this.quiet = quiet;
  }

  /** A line about this set (printed even when quiet: the final status line). */
  void line(String text) {
    synchronized (out) {
      out.println(prefix + " " + text);
      out.flush();
    }
  }

  @Override
  public void onStep(int step, double score, double bestScore, int stepsSinceBest) {
    Interruption.check();
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    if (step == 0 || step - lastStep >= EVERY_STEPS && now - lastPrint >= EVERY_NANOS) {
      line(String.format(Locale.ROOT, "step %d score %.4f best %.4f", step, score, bestScore));
      lastPrint = now;
      lastStep = step;
    }
  }
}
