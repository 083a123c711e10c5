package org.mlem.jobs.io;

import java.util.List;
import org.mlem.core.distance.Representations;

/**
 * Builds float32 {@link Representations} from values read by any reader, with input-boundary
 * checks whose messages name the source, the stimulus id and the column index: NaN, infinite
 * values and doubles that overflow float32 are rejected, never silently used.
 */
final class RepresentationValues {
  private RepresentationValues() {}

  /**
   * One value as float32.
   *
   * @param where extra context after the column index, e.g. " (column 'd2')"; may be empty
   */
  static float toFloat(double value, String source, String id, int column, String where) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      String what = Double.isNaN(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity");
      throw new InputException(source + ": stimulus '" + id + "' has " + what + " in column "
          + column + where + "; representations must be finite, clean or drop it before fitting");
    }
    float f = (float) value;
    if (Float.isInfinite(f)) {
      throw new InputException(source + ": stimulus '" + id + "' has " + value + " in column "
          + column + where + ", beyond the float32 range; rescale the representations");
    }
    return f;
  }

  /** Wraps validated values; remaining core checks (e.g. duplicate ids) become InputExceptions. */
  static Representations of(List<String> ids, float[] data, int dims, String source) {
    List<String> duplicates = FrameColumns.duplicates(ids);
    if (!duplicates.isEmpty()) {
      throw new InputException(source + ": representations have duplicate ids: "
          + String.join(", ", duplicates) + "; every stimulus must appear once");
    }
    try {
      return Representations.of(ids, data, dims);
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": " + e.getMessage(), e);
    }
  }
}
