package org.mlem.jobs.report;

import java.util.List;

/**
 * Classifies importance units by name: a feature (one of the run's feature names), a total
 * ("total:feature") or an interaction ("a:b", the core's naming of interaction terms).
 */
final class UnitGroups {
  static final String FEATURES = "features";
  static final String INTERACTIONS = "interactions";
  static final String TOTALS = "totals";
  static final String TOTAL_PREFIX = "total:";

  private UnitGroups() {}

  /** The group of a unit. */
  static String of(String unit, List<String> featureNames) {
    if (featureNames.contains(unit)) {
      return FEATURES;
    }
    if (unit.startsWith(TOTAL_PREFIX)) {
      return TOTALS;
    }
    return unit.contains(":") ? INTERACTIONS : FEATURES;
  }
}
