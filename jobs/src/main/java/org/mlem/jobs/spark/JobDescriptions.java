package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairStream;

/**
 * Human-readable Spark job descriptions, so the Spark UI and logs say what each job computes:
 * {@code "mlem: training steps 8-15"}, {@code "mlem: evaluation batches 0-4"},
 * {@code "mlem: permutation importance (10 rounds)"}.
 */
final class JobDescriptions {
  /** The Spark local property holding a job's description. */
  static final String PROPERTY = "spark.job.description";

  private static final int LISTED_INDICES = 6;

  private JobDescriptions() {}

  /** The description of a batch job computing these requests. */
  static String batches(List<BatchRequest> requests) {
    Map<PairStream, TreeSet<Long>> byStream = new EnumMap<>(PairStream.class);
    for (BatchRequest r : requests) {
      byStream.computeIfAbsent(r.stream(), s -> new TreeSet<>()).add(r.index());
    }
    List<String> parts = new ArrayList<>();
    byStream.forEach((stream, indices) -> parts.add(label(stream) + " " + ranges(indices)));
    return "mlem: " + String.join("; ", parts);
  }

  /** The description of a permutation-importance job. */
  static String importance(int rounds) {
    return "mlem: permutation importance (" + rounds + (rounds == 1 ? " round)" : " rounds)");
  }

  private static String label(PairStream stream) {
    return switch (stream) {
      case TRAINING -> "training steps";
      case EVALUATION -> "evaluation batches";
      case IMPORTANCE -> "importance batches";
      case BATCH_SIZE -> "batch-size estimation batches";
      case VALIDATION -> "validation batch";
    };
  }

  private static String ranges(TreeSet<Long> indices) {
    long first = indices.first();
    long last = indices.last();
    if (last - first + 1 == indices.size()) {
      return first == last ? Long.toString(first) : first + "-" + last;
    }
    List<String> shown = new ArrayList<>();
    for (long i : indices) {
      if (shown.size() == LISTED_INDICES) {
        shown.add("... (" + indices.size() + " in all)");
        break;
      }
      shown.add(Long.toString(i));
    }
    return String.join(", ", shown);
  }
}
