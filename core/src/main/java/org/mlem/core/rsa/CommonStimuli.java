package org.mlem.core.rsa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.core.distance.IdsFrom;

/**
 * The stimuli every representation set of an RSA lists, aligned by id (never by position): under
 * {@link IdsFrom#REFUSE} every set must list the same ids; under {@link IdsFrom#BOTH} the ids
 * common to all sets are analysed and the rest dropped and counted per set. The order is the
 * first set's.
 *
 * @param ids the analysed ids, in the first set's order
 * @param rows for each set, the row of each analysed id in that set
 * @param dropped for each set, how many of its ids are not analysed
 * @param droppedExamples for each set, up to {@value #MAX_EXAMPLES} of them, in its row order
 */
public record CommonStimuli(List<String> ids, List<int[]> rows, int[] dropped,
    List<List<String>> droppedExamples) {
  /** How many dropped ids a message lists per set. */
  public static final int MAX_EXAMPLES = 5;
  /** The fewest common stimuli an RSA accepts (6 pairs). */
  public static final int MIN_STIMULI = 4;

  /** Copies the lists. */
  public CommonStimuli {
    ids = List.copyOf(ids);
    rows = List.copyOf(rows);
    droppedExamples = List.copyOf(droppedExamples);
  }

  /**
   * Aligns the sets' ids.
   *
   * @param names the sets' names, for messages
   * @param setIds each set's ids, unique within a set, in its row order
   * @param rule {@link IdsFrom#REFUSE} or {@link IdsFrom#BOTH}
   * @return the common stimuli
   * @throws IllegalArgumentException when the rule refuses a mismatch (naming both sets, the
   *     counts and examples of each side), when fewer than {@value #MIN_STIMULI} ids are common,
   *     or for a rule other than REFUSE and BOTH
   */
  public static CommonStimuli of(List<String> names, List<List<String>> setIds, IdsFrom rule) {
    if (rule != IdsFrom.REFUSE && rule != IdsFrom.BOTH) {
      throw new IllegalArgumentException("ids-from must be refuse or both for an RSA (there is"
          + " no feature table), found " + rule.cliName());
    }
    if (names.size() != setIds.size() || names.isEmpty()) {
      throw new IllegalArgumentException("one id list per set is needed, found " + names.size()
          + " names and " + setIds.size() + " id lists");
    }
    List<String> first = setIds.get(0);
    Set<String> common = new HashSet<>(first);
    List<Set<String>> sets = new ArrayList<>();
    for (int s = 0; s < setIds.size(); s++) {
      Set<String> own = new HashSet<>(setIds.get(s));
      sets.add(own);
      if (rule == IdsFrom.REFUSE && !own.equals(sets.get(0))) {
        throw new IllegalArgumentException(mismatch(names.get(0), first, sets.get(0),
            names.get(s), setIds.get(s), own));
      }
      common.retainAll(own);
    }
    List<String> ids = new ArrayList<>();
    for (String id : first) {
      if (common.contains(id)) {
        ids.add(id);
      }
    }
    if (ids.size() < MIN_STIMULI) {
      throw new IllegalArgumentException("only " + ids.size() + " stimulus ids are common to all "
          + names.size() + " sets (" + String.join(", ", names.subList(0,
              Math.min(5, names.size()))) + (names.size() > 5 ? ", ..." : "") + "); an RSA needs"
          + " at least " + MIN_STIMULI + ": check the id columns or --ids");
    }
    List<int[]> rows = new ArrayList<>();
    int[] dropped = new int[names.size()];
    List<List<String>> examples = new ArrayList<>();
    for (int s = 0; s < setIds.size(); s++) {
      Map<String, Integer> row = new HashMap<>();
      List<String> own = setIds.get(s);
      List<String> lost = new ArrayList<>();
      for (int r = 0; r < own.size(); r++) {
        row.put(own.get(r), r);
        if (!common.contains(own.get(r))) {
          dropped[s]++;
          if (lost.size() < MAX_EXAMPLES) {
            lost.add(own.get(r));
          }
        }
      }
      int[] positions = new int[ids.size()];
      for (int k = 0; k < ids.size(); k++) {
        positions[k] = row.get(ids.get(k));
      }
      rows.add(positions);
      examples.add(lost);
    }
    return new CommonStimuli(ids, rows, dropped, examples);
  }

  /** How many ids were dropped from all sets together. */
  public int droppedTotal() {
    int total = 0;
    for (int d : dropped) {
      total += d;
    }
    return total;
  }

  private static String mismatch(String a, List<String> aIds, Set<String> aSet, String b,
      List<String> bIds, Set<String> bSet) {
    List<String> onlyA = only(aIds, bSet);
    List<String> onlyB = only(bIds, aSet);
    return "the stimulus ids of sets '" + a + "' (" + aIds.size() + " ids) and '" + b + "' ("
        + bIds.size() + " ids) differ: " + side(onlyA, a, b) + "; " + side(onlyB, b, a)
        + "; ids are joined, not matched by position: give every set the same stimuli, or set"
        + " ids-from to both to analyse the ids common to all sets (the rest is dropped and"
        + " reported)";
  }

  private static List<String> only(List<String> ids, Set<String> other) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      if (!other.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private static String side(List<String> only, String set, String other) {
    if (only.isEmpty()) {
      return "all ids of '" + set + "' are in '" + other + "'";
    }
    return only.size() + " of '" + set + "' " + (only.size() == 1 ? "is" : "are") + " not in '"
        + other + "' (" + String.join(", ", only.subList(0, Math.min(MAX_EXAMPLES, only.size())))
        + (only.size() > MAX_EXAMPLES ? ", ..." : "") + ")";
  }
}
