package org.mlem.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.mlem.jobs.output.ProvenanceRecord;
import java.util.Locale;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.importance.ImportanceInterval;
import org.mlem.core.importance.ImportanceKind;

/**
 * Which importance a run's tables hold and what their intervals reflect, for the reports'
 * titles, captions and "How to read this" boxes ({@link ReadingNotes}): read from run.json's
 * {@code importance} block, or
 * from its config key {@code importance}; a run directory written before either existed holds
 * term-level importance with intervals over folds x permutations pooled.
 *
 * @param kind stimulus- or term-level
 * @param interval the interval's label ("across folds", "permutation noise only", or a note
 *     for old run directories)
 * @param intervalDescription one sentence on the interval
 * @param scoring the scoring of the importances (config key {@code scoring}; spearman for runs
 *     written before it existed)
 */
record ImportanceLabels(ImportanceKind kind, String interval, String intervalDescription,
    Scoring scoring) {
  private static final String OLD_INTERVAL = "pooled folds x permutations (older run)";

  /** The labels of a run from its run.json. */
  static ImportanceLabels of(ProvenanceRecord provenance) {
    JsonNode block = provenance.detail("importance");
    String kind = block.path("kind").asText("");
    if (kind.isEmpty()) {
      kind = provenance.config("importance", "term");
    }
    ImportanceKind k = parse(kind);
    Scoring scoring = scoring(provenance.config("scoring", ""));
    String interval = block.path("interval").asText("");
    if (interval.isEmpty()) {
      return new ImportanceLabels(k, OLD_INTERVAL, "95% interval: Student t over every fold's "
          + "permutations pooled (written before intervals across folds existed)", scoring);
    }
    return new ImportanceLabels(k, interval, block.path("interval_description").asText(
        describe(interval)), scoring);
  }

  /** The labels of a sweep's combined rows ("kind" and "interval" cells; blank = unknown). */
  static ImportanceLabels of(String kind, String interval) {
    ImportanceKind k = parse(kind.isEmpty() ? "term" : kind);
    String label = interval.isEmpty() ? OLD_INTERVAL : interval;
    return new ImportanceLabels(k, label, describe(label), Scoring.SPEARMAN);
  }

  /** The scoring named in run.json, spearman when absent or unknown (older runs). */
  static Scoring scoring(String text) {
    try {
      return Scoring.parseOrDefault(text);
    } catch (IllegalArgumentException e) {
      return Scoring.SPEARMAN;
    }
  }

  private static ImportanceKind parse(String kind) {
    try {
      return ImportanceKind.parse(kind);
    } catch (IllegalArgumentException e) {
      return ImportanceKind.TERM;
    }
  }

  private static String describe(String interval) {
    for (ImportanceInterval i : ImportanceInterval.values()) {
      if (i.label().equals(interval)) {
        return i.description();
      }
    }
    return "95% interval: " + interval;
  }

  /** "Stimulus-level" or "Term-level". */
  String title() {
    String name = kind.cliName();
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) + "-level";
  }

  /** What an importance is, for a chart's axis: "drop in held-out Spearman", ... */
  String axis() {
    return scoring.higherIsBetter() ? "drop in held-out " + scoring.label()
        : "increase of held-out " + scoring.label();
  }

  /** The same labels for importances of {@code value}. */
  ImportanceLabels withScoring(Scoring value) {
    return new ImportanceLabels(kind, interval, intervalDescription, value);
  }
}
