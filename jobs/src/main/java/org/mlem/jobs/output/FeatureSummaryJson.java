package org.mlem.jobs.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.core.features.FeatureSummary;
import org.mlem.core.features.FittedFeature;

/**
 * The {@code feature_summary} list of run.json: core's {@link FeatureSummary} as JSON-ready maps,
 * one per feature in W's order, with keys name, kind (categorical, ordinal, vector, simplex),
 * kind_source (inferred or declared), value_type, levels and categories (CATEGORICAL, SIMPLEX:
 * the count and up to {@value #LISTED_CATEGORIES} sorted categories, a SIMPLEX level j being
 * vertex j of the simplex), min and max (ORDINAL: numbers; VECTOR: one per component),
 * components (the names of the feature's rows of W: its name, or name[1], ..., name[C-1] for a
 * SIMPLEX feature; the explicit feature-to-W mapping), missing, missing_fraction,
 * missing_distance, missing_warning (more than 10% missing).
 */
public final class FeatureSummaryJson {
  /** At most this many categories are listed per feature (levels gives the count). */
  public static final int LISTED_CATEGORIES = 100;

  private FeatureSummaryJson() {}

  /**
   * The list for run.json.
   *
   * @param summary the analysis's feature summary
   * @return one map per feature
   */
  public static List<Object> of(FeatureSummary summary) {
    List<Object> out = new ArrayList<>();
    for (FeatureSummary.Entry e : summary.entries()) {
      FittedFeature f = e.feature();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
      m.put("kind_source", e.kindSource());
      m.put("value_type", f.valueType().label());
      switch (f.kind()) {
        case CATEGORICAL, SIMPLEX -> {
          m.put("levels", f.categories().size());
          m.put("categories", f.categories().subList(0,
              Math.min(f.categories().size(), LISTED_CATEGORIES)));
        }
        case ORDINAL -> {
          m.put("min", f.min()[0]);
          m.put("max", f.max()[0]);
        }
        case VECTOR -> {
          m.put("min", Arrays.stream(f.min()).boxed().toList());
          m.put("max", Arrays.stream(f.max()).boxed().toList());
        }
      }
      m.put("components", f.componentNames());
      m.put("missing", e.missing());
      m.put("missing_fraction", e.missingFraction());
      m.put("missing_distance", f.missingDistance());
      m.put("missing_warning", e.missingWarning());
      out.add(m);
    }
    return out;
  }
}
