package org.mlem.core.evaluation;

import java.util.Locale;

/**
 * How held-out evaluation and permutation importance score a model's predicted distances
 * against the neural distances (docs/method.md section 5; key {@code scoring}, option
 * {@code --scoring}). Training is unchanged by it (the soft-rank Spearman objective).
 *
 * <ul>
 *   <li>{@link #SPEARMAN} (default): exact tie-aware Spearman of the predictions (for a metric,
 *       s = delta^T W delta; ranks are the same as its square root's).
 *   <li>{@link #PEARSON}: Pearson correlation of the predicted distances (for a metric
 *       sqrt(max(s, 0)), for FR-RSA ridge its prediction) with the neural distances.
 *   <li>{@link #MSE}: mean squared error of the predicted distances after the least-squares
 *       affine map fitted on training pairs ({@link AffineCalibration}), on the neural
 *       distances' scale: a metric's W has unit Frobenius norm, so its distances are not on the
 *       neural scale, and the map is learned where the model was. Lower is better; importance
 *       is the increase of the MSE when a feature is permuted.
 * </ul>
 */
public enum Scoring {
  /** Exact tie-aware Spearman correlation (the default and the paper's). */
  SPEARMAN("Spearman"),
  /** Pearson correlation of predicted and neural distances. */
  PEARSON("Pearson r"),
  /** Mean squared error after an affine map fitted on training pairs. */
  MSE("MSE");

  private final String label;

  Scoring(String label) {
    this.label = label;
  }

  /** The name on the command line, in config files and tables: spearman, pearson or mse. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name in reports and console lines: "Spearman", "Pearson r" or "MSE". */
  public String label() {
    return label;
  }

  /** Whether a higher value is better (the correlations); false for {@link #MSE}. */
  public boolean higherIsBetter() {
    return this != MSE;
  }

  /**
   * Whether the score is a correlation, averaged across folds with the Fisher z-transform; the
   * MSE is averaged as it is.
   */
  public boolean isCorrelation() {
    return this != MSE;
  }

  /**
   * The reported value of a score kept as "higher is better" (what scorers and importance
   * compute): the score itself, or the MSE for {@link #MSE} (whose internal score is minus the
   * MSE).
   */
  public double reported(double higherIsBetter) {
    return this == MSE ? -higherIsBetter : higherIsBetter;
  }

  /**
   * How an importance value reads: "drop of held-out Spearman", "drop of held-out Pearson r"
   * or "increase of held-out MSE".
   */
  public String importanceMeaning() {
    return this == MSE ? "increase of held-out MSE" : "drop of held-out " + label;
  }

  /**
   * Parses spearman, pearson or mse, case-insensitively, ignoring surrounding blanks.
   *
   * @throws IllegalArgumentException naming the value found and the accepted names
   */
  public static Scoring parse(String text) {
    String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Scoring s : values()) {
      if (s.cliName().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("scoring must be one of spearman, pearson, mse, found "
        + (text == null ? "null" : "'" + text + "'"));
  }

  /** The scoring named in a table or run.json, spearman when absent (files before scoring). */
  public static Scoring parseOrDefault(String text) {
    return text == null || text.isBlank() ? SPEARMAN : parse(text);
  }
}
