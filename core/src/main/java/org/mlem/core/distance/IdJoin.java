package org.mlem.core.distance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The join of the feature table's ids with the neural data's ids (never a match by position):
 * which stimuli are analysed, in the feature table's order, the row of each on both sides, and
 * what was dropped under {@link IdsFrom}. Every id mismatch of the project is reported here, with
 * one wording: how many ids of each side are missing on the other, with up to
 * {@value #MAX_EXAMPLES} examples each (in each side's row order).
 *
 * @param idsFrom the rule applied
 * @param ids the analysed ids, in the feature table's order
 * @param featureRows for each analysed id, its row in the feature table
 * @param neuralRows for each analysed id, its row in the neural data
 * @param featuresDropped feature ids with no neural data (dropped, or 0 under REFUSE)
 * @param featuresDroppedExamples up to {@value #MAX_EXAMPLES} of them, in feature order
 * @param neuralDropped neural ids with no feature row
 * @param neuralDroppedExamples up to {@value #MAX_EXAMPLES} of them, in neural order
 */
public record IdJoin(IdsFrom idsFrom, List<String> ids, int[] featureRows, int[] neuralRows,
    int featuresDropped, List<String> featuresDroppedExamples, int neuralDropped,
    List<String> neuralDroppedExamples) implements java.io.Serializable {
  /** How many ids a message or a record lists at most per side. */
  public static final int MAX_EXAMPLES = 5;

  /** Copies the lists. */
  public IdJoin {
    ids = List.copyOf(ids);
    featuresDroppedExamples = List.copyOf(featuresDroppedExamples);
    neuralDroppedExamples = List.copyOf(neuralDroppedExamples);
  }

  /**
   * Joins two id lists.
   *
   * @param featureIds the feature table's ids, unique, in its order
   * @param neuralIds the neural data's ids, unique, in its order
   * @param idsFrom which ids to analyse
   * @param features how messages name the features, e.g. "features (f.csv)"
   * @param neural how messages name the other side, e.g. "representations (r.npy)"
   * @param neuralWord the other side in one word, e.g. "representations" or "RDM"
   * @return the join
   * @throws IllegalArgumentException when the rule refuses the mismatch (see
   *     {@link #mismatch}) or no id is on both sides
   */
  public static IdJoin of(List<String> featureIds, List<String> neuralIds, IdsFrom idsFrom,
      String features, String neural, String neuralWord) {
    Map<String, Integer> neuralRow = rows(neuralIds);
    Map<String, Integer> featureRow = rows(featureIds);
    List<String> onlyFeatures = new ArrayList<>();
    int onlyFeaturesCount = 0;
    for (String id : featureIds) {
      if (!neuralRow.containsKey(id)) {
        onlyFeaturesCount++;
        if (onlyFeatures.size() < MAX_EXAMPLES) {
          onlyFeatures.add(id);
        }
      }
    }
    List<String> onlyNeural = new ArrayList<>();
    int onlyNeuralCount = 0;
    for (String id : neuralIds) {
      if (!featureRow.containsKey(id)) {
        onlyNeuralCount++;
        if (onlyNeural.size() < MAX_EXAMPLES) {
          onlyNeural.add(id);
        }
      }
    }
    boolean refused = switch (idsFrom) {
      case REFUSE -> onlyFeaturesCount > 0 || onlyNeuralCount > 0;
      case FEATURES -> onlyFeaturesCount > 0;
      case REPRESENTATIONS -> onlyNeuralCount > 0;
      case BOTH -> false;
    };
    if (refused) {
      throw new IllegalArgumentException(mismatch(idsFrom, features, featureIds.size(),
          onlyFeaturesCount, onlyFeatures, neural, neuralIds.size(), onlyNeuralCount, onlyNeural,
          neuralWord));
    }
    List<String> ids = new ArrayList<>();
    int[] featureRows = new int[featureIds.size() - onlyFeaturesCount];
    int[] neuralRows = new int[featureRows.length];
    for (int i = 0; i < featureIds.size(); i++) {
      Integer row = neuralRow.get(featureIds.get(i));
      if (row != null) {
        featureRows[ids.size()] = i;
        neuralRows[ids.size()] = row;
        ids.add(featureIds.get(i));
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no stimulus id is in both the " + features + " and the "
          + neural + " (ids of the features: " + examples(featureIds.subList(0,
              Math.min(MAX_EXAMPLES, featureIds.size())), featureIds.size()) + "; of the "
          + neuralWord + ": " + examples(neuralIds.subList(0,
              Math.min(MAX_EXAMPLES, neuralIds.size())), neuralIds.size())
          + "); check the id columns");
    }
    return new IdJoin(idsFrom, ids, featureRows, neuralRows, onlyFeaturesCount, onlyFeatures,
        onlyNeuralCount, onlyNeural);
  }

  /** True when nothing was dropped and both sides are already in the analysed order. */
  public boolean isIdentity() {
    return featuresDropped == 0 && neuralDropped == 0 && isSequence(neuralRows);
  }

  /** True when the feature table is used whole (no feature row dropped). */
  public boolean keepsAllFeatures() {
    return featuresDropped == 0;
  }

  /**
   * The console warning for what was dropped, or null when nothing was.
   *
   * @param features e.g. "features (f.csv)"
   * @param neuralWord e.g. "representations"
   */
  public String warning(String features, String neuralWord) {
    if (featuresDropped == 0 && neuralDropped == 0) {
      return null;
    }
    StringBuilder text = new StringBuilder("ids-from ").append(idsFrom.cliName())
        .append(": analysing ").append(ids.size()).append(ids.size() == 1 ? " stimulus" : " stimuli");
    List<String> parts = new ArrayList<>();
    if (featuresDropped > 0) {
      parts.add(featuresDropped + " of the " + (ids.size() + featuresDropped) + " ids of the "
          + features + " (no " + neuralWord + "): " + examples(featuresDroppedExamples,
              featuresDropped));
    }
    if (neuralDropped > 0) {
      parts.add(neuralDropped + " of the " + (ids.size() + neuralDropped) + " ids of the "
          + neuralWord + " (no feature row): " + examples(neuralDroppedExamples, neuralDropped));
    }
    return text.append("; dropped ").append(String.join(" and ", parts)).toString();
  }

  /**
   * The one message of an id mismatch: how many ids of each side the other lacks, with examples,
   * and what to do. Shared with readers that count the ids elsewhere (e.g. distributed).
   *
   * @param idsFrom the rule that refused (REFUSE: both sides must agree)
   * @param features e.g. "features (f.csv)"
   * @param featureCount ids of the features
   * @param onlyFeatures how many of them the other side lacks
   * @param onlyFeaturesExamples up to {@value #MAX_EXAMPLES} of them
   * @param neural e.g. "representations (r.npy)"
   * @param neuralCount ids of the other side
   * @param onlyNeural how many of them the features lack
   * @param onlyNeuralExamples up to {@value #MAX_EXAMPLES} of them
   * @param neuralWord e.g. "representations"
   */
  public static String mismatch(IdsFrom idsFrom, String features, long featureCount,
      long onlyFeatures, List<String> onlyFeaturesExamples, String neural, long neuralCount,
      long onlyNeural, List<String> onlyNeuralExamples, String neuralWord) {
    StringBuilder text = new StringBuilder();
    if (idsFrom != IdsFrom.REFUSE) {
      text.append("ids-from ").append(idsFrom.cliName()).append(": ");
    }
    text.append("the stimulus ids of the ").append(features).append(" and the ").append(neural)
        .append(" differ: ");
    List<String> parts = new ArrayList<>();
    if (idsFrom != IdsFrom.REPRESENTATIONS) {
      parts.add(side(onlyFeatures, featureCount, "features", neuralWord, onlyFeaturesExamples));
    }
    if (idsFrom != IdsFrom.FEATURES) {
      parts.add(side(onlyNeural, neuralCount, neuralWord, "features", onlyNeuralExamples));
    }
    text.append(String.join("; ", parts));
    text.append(switch (idsFrom) {
      case REFUSE -> "; ids are joined, not matched by position: make both list the same"
          + " stimuli, or set ids-from to features, representations or both to analyse one side's"
          + " ids or their intersection (the rest is dropped and reported)";
      case FEATURES -> "; every stimulus of the feature table needs " + neuralWord
          + ": set ids-from to both to analyse the intersection";
      case REPRESENTATIONS -> "; every stimulus of the " + neuralWord + " needs a feature row:"
          + " set ids-from to both to analyse the intersection";
      case BOTH -> "";
    });
    return text.toString();
  }

  private static String side(long missing, long count, String side, String other,
      List<String> examples) {
    if (missing == 0) {
      return "all " + count + " ids of the " + side + " are in the " + other;
    }
    return missing + " of the " + count + " ids of the " + side + (missing == 1 ? " is" : " are")
        + " not in the " + other + " (" + examples(examples, missing) + ")";
  }

  private static String examples(List<String> ids, long count) {
    return String.join(", ", ids) + (count > ids.size() ? ", ..." : "");
  }

  private static Map<String, Integer> rows(List<String> ids) {
    Map<String, Integer> rows = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      rows.put(ids.get(i), i);
    }
    return rows;
  }

  private static boolean isSequence(int[] rows) {
    for (int k = 0; k < rows.length; k++) {
      if (rows[k] != k) {
        return false;
      }
    }
    return true;
  }
}
