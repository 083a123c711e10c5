package org.mlem.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An ordered set of {@link Option}s: the options one command, config file or estimator accepts.
 * Looks options up by key (and by negation flag), and words the error for an unknown key with a
 * "did you mean" suggestion and the list of valid keys.
 */
public final class OptionTable {
  private final Map<String, Option<?>> byKey = new LinkedHashMap<>();

  private OptionTable() {}

  /** A table of the given options, in order; keys must be distinct. */
  public static OptionTable of(Collection<? extends Option<?>> options) {
    OptionTable t = new OptionTable();
    for (Option<?> o : options) {
      if (t.byKey.put(o.key(), o) != null) {
        throw new IllegalStateException("option " + o.key() + " declared twice");
      }
    }
    return t;
  }

  /** A table of the given options, in order. */
  public static OptionTable of(Option<?>... options) {
    return of(List.of(options));
  }

  /** This table followed by the other's options. */
  public OptionTable with(OptionTable other) {
    List<Option<?>> all = new ArrayList<>(byKey.values());
    all.addAll(other.options());
    return of(all);
  }

  /** This table followed by the given options. */
  public OptionTable with(Option<?>... more) {
    return with(of(more));
  }

  /** This table without the given options. */
  public OptionTable without(Option<?>... drop) {
    List<Option<?>> kept = new ArrayList<>(byKey.values());
    kept.removeAll(List.of(drop));
    return of(kept);
  }

  /** The options, in declaration order. */
  public List<Option<?>> options() {
    return List.copyOf(byKey.values());
  }

  /** Whether the table holds an option. */
  public boolean contains(Option<?> option) {
    return byKey.get(option.key()) == option;
  }

  /** The option with that key, if any. */
  public Optional<Option<?>> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /**
   * The option with that key.
   *
   * @param where what holds the key, for the message ("config file conf/x.yaml")
   * @throws IllegalArgumentException naming the key, the closest valid key and every valid key
   */
  public Option<?> require(String key, String where) {
    Option<?> o = byKey.get(key);
    if (o == null) {
      throw new IllegalArgumentException(where + ": unknown key '" + key + "'"
          + suggestion(key).map(s -> "; did you mean '" + s + "'?").orElse("")
          + " Valid keys: " + String.join(", ", new TreeSet<>(byKey.keySet())));
    }
    return o;
  }

  /** The valid key closest to a misspelt one (edit distance at most 2 or a prefix), if any. */
  public Optional<String> suggestion(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : byKey.keySet()) {
      int d = distance(k, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    if (best != null && (bestDistance <= Math.max(1, Math.min(2, key.length() / 3))
        || best.startsWith(k) && k.length() >= 3)) {
      return Optional.of(best);
    }
    return Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
