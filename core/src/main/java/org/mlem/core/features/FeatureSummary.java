package org.mlem.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a fit did with each feature, for the console and run.json: the kind it was encoded as and
 * whether that kind was declared or inferred from the column type, its levels (CATEGORICAL) or
 * fitted range (ORDINAL; VECTOR per component), how many stimuli have no value, and the distance
 * a pair with a missing value gets (docs/method.md section 1). Made by
 * {@link FeatureSchema#summarize}.
 *
 * <p>Names and levels in {@link #lines()} and {@link #warnings()} come from the data: control
 * characters in them are shown as {@code \\uXXXX}, so a value cannot move the cursor or
 * recolour the terminal.
 *
 * <p>A feature with more than {@link #MISSING_WARNING_FRACTION} (10%) of its values missing gets
 * a warning: every pair involving one of those stimuli gets the missing distance for it, which
 * at 10% already concerns about one pair in five.
 *
 * @param entries one per selected feature, in encoding order
 */
public record FeatureSummary(List<Entry> entries) implements java.io.Serializable {
  /** The missing fraction above which a feature gets a warning (strictly above 10%). */
  public static final double MISSING_WARNING_FRACTION = 0.10;

  /** At most this many levels are listed in {@link Entry#describe()}. */
  public static final int LISTED_LEVELS = 10;

  /** Copies the list. */
  public FeatureSummary {
    entries = List.copyOf(entries);
  }

  /**
   * One feature's summary.
   *
   * @param feature the fitted feature (kind, levels or range, missing distance)
   * @param declared true if its kind was declared, false if inferred from the column type
   * @param missing how many stimuli have no value
   * @param stimuli how many stimuli the table has
   */
  public record Entry(FittedFeature feature, boolean declared, int missing, int stimuli)
      implements java.io.Serializable {

    /** The feature name. */
    public String name() {
      return feature.name();
    }

    /** "declared" or "inferred". */
    public String kindSource() {
      return declared ? "declared" : "inferred";
    }

    /** The fraction of stimuli with no value, in [0, 1]. */
    public double missingFraction() {
      return stimuli == 0 ? 0.0 : (double) missing / stimuli;
    }

    /** Whether more than {@link #MISSING_WARNING_FRACTION} of the values are missing. */
    public boolean missingWarning() {
      return missingFraction() > MISSING_WARNING_FRACTION;
    }

    /**
     * The levels or range in words, e.g. {@code "2 levels: A, B"}, {@code "3 levels: A, B, C;
     * 2 simplex coordinates"}, {@code "range [-1, 4]"} or
     * {@code "2 components, ranges [0, 2], [-4, 4]"}.
     */
    public String describe() {
      return switch (feature.kind()) {
        case CATEGORICAL -> {
          List<String> levels = feature.categories();
          List<String> shown = levels.subList(0, Math.min(levels.size(), LISTED_LEVELS));
          yield levels.size() + " levels: " + printable(String.join(", ", shown))
              + (levels.size() > shown.size() ? ", ..." : "");
        }
        case SIMPLEX -> {
          List<String> levels = feature.categories();
          List<String> shown = levels.subList(0, Math.min(levels.size(), LISTED_LEVELS));
          yield levels.size() + " levels: " + printable(String.join(", ", shown))
              + (levels.size() > shown.size() ? ", ..." : "") + "; " + feature.width()
              + " simplex coordinate" + (feature.width() > 1 ? "s" : "");
        }
        case ORDINAL -> "range " + range(0);
        case VECTOR -> {
          List<String> ranges = new ArrayList<>();
          int dim = feature.dim();
          for (int c = 0; c < Math.min(dim, LISTED_LEVELS); c++) {
            ranges.add(range(c));
          }
          yield dim + " components, ranges " + String.join(", ", ranges)
              + (dim > LISTED_LEVELS ? ", ..." : "");
        }
      };
    }

    private String range(int component) {
      return "[" + number(feature.min()[component]) + ", " + number(feature.max()[component])
          + "]";
    }

    /**
     * One console line, e.g. {@code "size: ordinal (inferred), range [-1, 4], 1 of 60 missing
     * (1.7%, distance 0)"}.
     */
    public String line() {
      return printable(name()) + ": " + feature.kind().name().toLowerCase(Locale.ROOT) + " ("
          + kindSource() + "), " + describe() + ", "
          + (missing == 0 ? "none missing"
              : missing + " of " + stimuli + " missing (" + percent(missingFraction())
                  + ", distance " + number(feature.missingDistance()) + ")");
    }
  }

  /**
   * The warnings for features with too many missing values, one line each, e.g. {@code "feature
   * 'size': 14 of 100 values missing (14.0%, above 10%); pairs with a missing value get distance
   * 0 for it; fill the values or set the missing distance"}.
   *
   * @return the warnings, empty when no feature has more than 10% missing
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.missingWarning()) {
        out.add("feature '" + printable(e.name()) + "': " + e.missing() + " of " + e.stimuli()
            + " values missing (" + percent(e.missingFraction()) + ", above "
            + percent(MISSING_WARNING_FRACTION) + "); pairs with a missing value get distance "
            + number(e.feature().missingDistance())
            + " for it; fill the values or set the missing distance");
      }
    }
    return out;
  }

  /**
   * The console lines, one per feature.
   *
   * @return the lines
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(e.line()));
    return out;
  }

  /**
   * Text from the data made safe for a terminal: control characters (escape codes, newlines)
   * are written as {@code \\uXXXX}.
   */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  /** A number as short as it reads: integers without ".0", others with up to 4 significant. */
  static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return String.format(Locale.ROOT, "%.4g", x).replaceAll("\\.?0+(e|$)", "$1");
  }
}
