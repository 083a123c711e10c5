package org.mlem.core.importance;

import java.util.ArrayList;
import java.util.List;

/**
 * Permutation importances of a fitted metric: which kind ({@link ImportanceKind}), every
 * (unit, permutation) value, the baseline Spearman of each round, per-unit summaries, and
 * optionally (term-level only) total importance per feature. A value is NaN when its round's
 * score was undefined (constant predictions or neural distances). Immutable.
 */
public final class ImportanceResult {
  private final ImportanceKind kind;
  private final List<String> units;
  private final List<String> features;
  private final double[][] values;
  private final double[][] totals;
  private final double[] baselines;
  private final long seed;
  private final int batchSize;

  /** Term-level importances (see the full constructor). */
  public ImportanceResult(
      List<String> units, List<String> features, List<PermutationRound> rounds, long seed,
      int batchSize) {
    this(ImportanceKind.TERM, units, features, rounds, seed, batchSize);
  }

  /**
   * @param kind which importance the values are
   * @param units unit names in term order
   * @param features feature names (for total importance)
   * @param rounds one round per permutation, in permutation order
   * @param seed the seed the permutations derive from
   * @param batchSize pairs per round
   */
  public ImportanceResult(
      ImportanceKind kind, List<String> units, List<String> features,
      List<PermutationRound> rounds, long seed, int batchSize) {
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
    this.units = List.copyOf(units);
    this.features = List.copyOf(features);
    int p = rounds.size();
    if (p == 0) {
      throw new IllegalArgumentException("importance needs at least one permutation round");
    }
    boolean withTotals = rounds.get(0).totals().length > 0;
    this.values = new double[units.size()][p];
    this.totals = new double[withTotals ? features.size() : 0][p];
    this.baselines = new double[p];
    for (int r = 0; r < p; r++) {
      PermutationRound round = rounds.get(r);
      double[] u = round.units();
      if (u.length != units.size()) {
        throw new IllegalArgumentException(
            "round " + r + " has " + u.length + " units, expected " + units.size());
      }
      for (int k = 0; k < u.length; k++) {
        values[k][r] = u[k];
      }
      double[] t = round.totals();
      for (int k = 0; k < totals.length; k++) {
        totals[k][r] = t[k];
      }
      baselines[r] = round.baseline();
    }
    this.seed = seed;
    this.batchSize = batchSize;
  }

  /** Which importance the values are. */
  public ImportanceKind kind() {
    return kind;
  }

  /** Unit names in term order. */
  public List<String> units() {
    return units;
  }

  /** Number of permutations. */
  public int permutations() {
    return baselines.length;
  }

  /** Importance of a unit (term index) at a permutation. */
  public double value(int unit, int permutation) {
    return values[unit][permutation];
  }

  /** All values of one unit, a copy. */
  public double[] values(int unit) {
    return values[unit].clone();
  }

  /** Baseline held-out Spearman of each round, a copy. */
  public double[] baselines() {
    return baselines.clone();
  }

  /** Whether total importance per feature was computed. */
  public boolean hasTotals() {
    return totals.length > 0;
  }

  /** Total importance of a feature at a permutation. */
  public double total(int feature, int permutation) {
    return totals[feature][permutation];
  }

  /** Feature names, in the order of total importance. */
  public List<String> features() {
    return features;
  }

  /** The seed the permutations derive from. */
  public long seed() {
    return seed;
  }

  /** Held-out pairs per round. */
  public int batchSize() {
    return batchSize;
  }

  /** Mean importance per unit, in term order. */
  public double[] means() {
    double[] out = new double[values.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = UnitSummary.of(units.get(k), values[k]).mean();
    }
    return out;
  }

  /** Summary per unit (term order), then per feature's total ("total:name") if computed. */
  public List<UnitSummary> summary() {
    List<UnitSummary> out = new ArrayList<>();
    for (int k = 0; k < units.size(); k++) {
      out.add(UnitSummary.of(units.get(k), values[k]));
    }
    for (int k = 0; k < totals.length; k++) {
      out.add(UnitSummary.of("total:" + features.get(k), totals[k]));
    }
    return out;
  }
}
