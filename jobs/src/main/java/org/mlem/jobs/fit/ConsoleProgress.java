package org.mlem.jobs.fit;

import java.io.PrintWriter;
import java.util.Locale;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.output.Interruption;

/**
 * Training progress on the console: a phase line when a fold starts training, then one line
 * (step, score, best, patience used) every 10 steps or every 2 seconds, whichever comes later
 * first. Silent when quiet. Each step first consults {@link Interruption}: a Ctrl-C stops the
 * training at the next step.
 */
public final class ConsoleProgress implements TrainingProgress {
  private static final int EVERY_STEPS = 10;
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter out;
  private final int patience;
  private final int folds;
  private final boolean quiet;
  private int fold = 0;
  private long lastPrint = System.nanoTime();

  public ConsoleProgress(PrintWriter out, int patience, int folds, boolean quiet) {
    this.out = out;
    this.patience = patience;
    this.folds = folds;
    this.quiet = quiet;
  }

  /** Prints a phase line unless quiet. */
  public void phase(String text) {
    if (!quiet) {
      out.println(text);
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
    if (step == 0) {
      fold++;
      phase(String.format(Locale.ROOT, "training fold %d/%d", fold, folds));
    }
    if (step % EVERY_STEPS == 0 || now - lastPrint >= EVERY_NANOS) {
      out.printf(Locale.ROOT, "  step %5d  score %.4f  best %.4f  patience %d/%d%n",
          step, score, bestScore, stepsSinceBest, patience);
      out.flush();
      lastPrint = now;
    }
  }
}
