package org.mlem.core.importance;

import java.util.Locale;
import org.mlem.core.evaluation.Scoring;

/**
 * Which permutation importance an analysis computes (docs/method.md section 5; configuration key
 * {@code importance}, command-line option {@code --importance}).
 *
 * <ul>
 *   <li>{@link #STIMULUS} (default): model-agnostic, stimulus-level. One feature's values are
 *       permuted across the held-out stimuli and the pairs' feature distances recomputed; with
 *       S0 the held-out score, S_a the score with feature a permuted and S_ab with a and b both
 *       permuted (the same two permutations), main_a = S0 - S_a and interaction_ab = S_a + S_b
 *       - S_ab - S0 (the drop when both are broken beyond the sum of the two single drops; 0 for
 *       a scorer additive over features).
 *   <li>{@link #TERM}: the paper's term-level importance: one column of the expanded pair
 *       features phi (a term of W) is permuted across pairs; with totals per feature.
 * </ul>
 */
public enum ImportanceKind {
  /** Permute a feature's values across held-out stimuli; main and interaction effects. */
  STIMULUS,
  /** Permute one term's phi column across held-out pairs (the paper's PFI); plus totals. */
  TERM;

  /** The name on the command line, in config files and tables: "stimulus" or "term". */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses "stimulus" or "term", case-insensitively, ignoring surrounding blanks.
   *
   * @throws IllegalArgumentException naming the value found and the accepted names
   */
  public static ImportanceKind parse(String text) {
    String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (ImportanceKind k : values()) {
      if (k.cliName().equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("importance must be one of stimulus, term, found "
        + (text == null ? "null" : "'" + text + "'"));
  }

  /** A one-line "how to read" for tables and reports, with the default Spearman scoring. */
  public String howToRead() {
    return howToRead(Scoring.SPEARMAN);
  }

  /** A one-line "how to read" for tables and reports, for importances of {@code scoring}. */
  public String howToRead(Scoring scoring) {
    String change = scoring.importanceMeaning();
    String extra = scoring.higherIsBetter() ? "extra drop" : "extra increase";
    String single = scoring.higherIsBetter() ? "single drops" : "single increases";
    return this == STIMULUS
        ? "stimulus-level permutation importance: a feature's row is the " + change
            + " when its values are shuffled across held-out stimuli (main effect, "
            + "breaks the feature and all its interactions); an 'a:b' row is the " + extra
            + " when both are shuffled beyond the two " + single + " (0 = additive, > 0 = the "
            + "two carry information only jointly, < 0 = redundant)"
        : "term-level permutation importance: a row is the " + change + " when one "
            + "term of W (a feature's squared distance, or 'a:b' = 2 delta_a delta_b) is "
            + "shuffled across held-out pairs; 'total:f' shuffles feature f's distance before "
            + "the expansion";
  }
}
