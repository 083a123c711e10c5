package org.mlem.core.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encoded features of n stimuli, ready to give the feature-distance vector delta_ij of any pair
 * (docs/method.md section 1): one component per feature (its distance in [0, 1]), except a
 * SIMPLEX feature of C levels, which gives C - 1 signed coordinate differences in [-1, 1]. The
 * {@link #layout()} says which components belong to which feature; {@link #featureCount()} and
 * {@link #names()} are the components (W's rows), {@code layout().featureNames()} the features.
 *
 * <p>Storage is one primitive array per feature: int category codes for CATEGORICAL and SIMPLEX
 * (-1 = missing), min-max scaled doubles for ORDINAL (NaN = missing), flattened min-max scaled
 * vectors plus a missing flag per stimulus for VECTOR. {@link #deltas} loops feature by feature
 * over a range of pairs without allocating, so it can run every training step. Created by
 * {@link FeatureSchema#encode(FeatureTable)}; immutable and thread-safe.
 */
public final class EncodedFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> ids;
  private final FeatureLayout layout;
  private final FeatureKind[] kinds;
  private final double missingDistance;
  /** Per feature: category codes (CATEGORICAL, SIMPLEX), else null. */
  private final int[][] codes;
  /** Per feature: scaled values (ORDINAL) or flattened scaled vectors (VECTOR), else null. */
  private final double[][] values;
  /** Per feature: missing flag per stimulus (VECTOR), else null. */
  private final boolean[][] missing;
  /** Per feature: vector dimension (VECTOR), number of levels C (SIMPLEX), else 0. */
  private final int[] dims;
  /** Per component: its feature. */
  private final int[] featureOf;
  /** What the encoding did with each feature (kinds, levels or ranges, missing counts). */
  private final FeatureSummary summary;
  /** {@link #stimulusRows()}, built on first use (not serialized: rebuilt where it is used). */
  private transient volatile Optional<StimulusRows> stimulusRows;

  EncodedFeatures(
      List<String> ids,
      FeatureLayout layout,
      FeatureKind[] kinds,
      double missingDistance,
      int[][] codes,
      double[][] values,
      boolean[][] missing,
      int[] dims,
      FeatureSummary summary) {
    this.ids = ids;
    this.layout = layout;
    this.kinds = kinds;
    this.missingDistance = missingDistance;
    this.codes = codes;
    this.values = values;
    this.missing = missing;
    this.dims = dims;
    this.summary = summary;
    this.featureOf = new int[layout.componentCount()];
    for (int f = 0; f < kinds.length; f++) {
      Arrays.fill(featureOf, layout.start(f), layout.start(f) + layout.width(f), f);
    }
  }

  /**
   * Which delta components belong to which feature.
   *
   * @return the layout (components = {@link #names()}, features = its feature names)
   */
  public FeatureLayout layout() {
    return layout;
  }

  /**
   * What the encoding did with each feature: kind (declared or inferred), levels or fitted
   * range, missing count; for the console and run.json.
   *
   * @return the summary, one entry per feature in encoding order
   */
  public FeatureSummary summary() {
    return summary;
  }

  /**
   * Every stimulus's features as one row, for writing pairs' non-zero distances in one pass
   * (training batches), when every feature is categorical or ordinal.
   *
   * @return the rows, or null when a feature is a simplex or vector one
   */
  public StimulusRows stimulusRows() {
    Optional<StimulusRows> rows = stimulusRows;
    if (rows == null) {
      rows = Optional.ofNullable(StimulusRows.of(size(), kinds, codes, values, missingDistance));
      stimulusRows = rows;
    }
    return rows.orElse(null);
  }

  /**
   * The number of stimuli n.
   *
   * @return n
   */
  public int size() {
    return ids.size();
  }

  /**
   * The number F of components of delta (W's size): one per feature, C - 1 per SIMPLEX feature
   * of C levels ({@code layout().featureCount()} counts features).
   *
   * @return F &gt;= 1
   */
  public int featureCount() {
    return featureOf.length;
  }

  /**
   * The component names, in delta order: a feature's name, or {@code f[1]}, ..., {@code f[C-1]}
   * for a SIMPLEX feature f (equal to the feature names when no feature is SIMPLEX).
   *
   * @return an immutable list of F names
   */
  public List<String> names() {
    return layout.componentNames();
  }

  /**
   * The kind feature f was encoded as.
   *
   * @param feature a feature index in [0, layout().featureCount())
   * @return its kind
   */
  public FeatureKind kind(int feature) {
    return kinds[feature];
  }

  /**
   * The stimulus ids, in row order (the table's).
   *
   * @return an immutable list of n ids
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * The distance used when a value is missing on either side of a pair.
   *
   * @return a value in [0, 1]
   */
  public double missingDistance() {
    return missingDistance;
  }

  /**
   * Writes the F components of delta of one pair: {@code out[offset + c] = delta_c(i, j)}.
   *
   * @param i a stimulus index in [0, n)
   * @param j a stimulus index in [0, n)
   * @param out receives F values from {@code offset}
   * @param offset the first index written
   */
  public void delta(int i, int j, double[] out, int offset) {
    for (int f = 0; f < kinds.length; f++) {
      int at = offset + layout.start(f);
      if (kinds[f] == FeatureKind.SIMPLEX) {
        simplexDelta(f, i, j, out, at);
      } else {
        out[at] = featureDistance(f, i, j);
      }
    }
  }

  /**
   * A SIMPLEX feature's C - 1 components for one pair (see {@link FittedFeature#delta}): 0 for
   * equal levels, the coordinate differences oriented from the lower level to the higher one
   * (so the pair's order does not matter), {@code m / sqrt(C - 1)} each with a missing value,
   * {@code 1 / sqrt(C - 1)} each with a level not seen at fit.
   */
  private void simplexDelta(int f, int i, int j, double[] out, int at) {
    int a = codes[f][i];
    int b = codes[f][j];
    int levels = dims[f];
    int width = levels - 1;
    if (a < 0 || b < 0) {
      Arrays.fill(out, at, at + width, missingDistance / Math.sqrt(width));
    } else if (a >= levels || b >= levels) {
      Arrays.fill(out, at, at + width, a == b ? 0.0 : 1.0 / Math.sqrt(width));
    } else if (a == b) {
      Arrays.fill(out, at, at + width, 0.0);
    } else {
      SimplexCoordinates.difference(a, b, levels, out, at);
    }
  }

  /**
   * Writes the feature distances of a range of pairs as a row-major (to - from) x F matrix: row r
   * (from {@code out[0]}) is delta of pair {@code (first[from + r], second[from + r])}.
   *
   * @param first first stimulus of each pair
   * @param second second stimulus of each pair
   * @param from first pair, inclusive
   * @param to last pair, exclusive
   * @param out receives (to - from) * F values
   */
  public void deltas(int[] first, int[] second, int from, int to, double[] out) {
    deltas(first, second, from, to, out, 0);
  }

  /**
   * As {@link #deltas(int[], int[], int, int, double[])}, row r written from
   * {@code out[offset + r * F]} (so slices of one batch can be filled in place). Pair by pair
   * from the {@link #stimulusRows} when every feature is categorical or ordinal, else feature by
   * feature over cache-sized blocks of pairs; the same values as {@link #delta} either way.
   */
  public void deltas(int[] first, int[] second, int from, int to, double[] out, int offset) {
    StimulusRows rows = stimulusRows();
    if (rows != null) {
      rows.distances(first, second, from, to, out, offset);
      return;
    }
    // blocks of pairs small enough that their rows stay in cache while each feature's column is
    // written (a whole batch's rows would be streamed from memory once per feature)
    int featureCount = featureOf.length;
    int block = Math.max(1, DELTA_BLOCK_VALUES / featureCount);
    for (int p = from; p < to; p += block) {
      int end = (int) Math.min(to, (long) p + block);
      deltaBlock(first, second, p, end, out, offset + (p - from) * featureCount);
    }
  }

  /** Doubles of one block of {@link #deltas} rows (32 KB). */
  private static final int DELTA_BLOCK_VALUES = 4096;

  private void deltaBlock(int[] first, int[] second, int from, int to, double[] out, int offset) {
    int featureCount = featureOf.length;
    double fill = missingDistance;
    for (int g = 0; g < kinds.length; g++) {
      int f = offset + layout.start(g);
      switch (kinds[g]) {
        case SIMPLEX -> {
          for (int p = from, o = f; p < to; p++, o += featureCount) {
            simplexDelta(g, first[p], second[p], out, o);
          }
        }
        case CATEGORICAL -> {
          // (a < 0 || b < 0) ? fill : (a == b ? 0 : 1) without a branch: whether two stimuli
          // share a level, or one is missing, is unpredictable
          int[] c = codes[g];
          double[] outcome = {0.0, 1.0, fill, fill};
          for (int p = from, o = f; p < to; p++, o += featureCount) {
            int a = c[first[p]];
            int b = c[second[p]];
            int differ = ((a ^ b) | -(a ^ b)) >>> 31;
            int missingOne = (a | b) >>> 31;
            out[o] = outcome[differ | missingOne << 1];
          }
        }
        case ORDINAL -> {
          double[] x = values[g];
          for (int p = from, o = f; p < to; p++, o += featureCount) {
            double d = Math.abs(x[first[p]] - x[second[p]]);
            out[o] = Double.isNaN(d) ? fill : d;
          }
        }
        case VECTOR -> {
          for (int p = from, o = f; p < to; p++, o += featureCount) {
            out[o] = vectorDistance(g, first[p], second[p]);
          }
        }
      }
    }
  }

  /**
   * Component c of delta(i, j), computed exactly as {@link #delta} computes it (stimulus-level
   * permutation importance recomputes a feature's components for permuted stimuli).
   *
   * @param component a component index in [0, F)
   * @param i a stimulus index in [0, n)
   * @param j a stimulus index in [0, n)
   * @return the component: a distance in [0, 1], or a SIMPLEX coordinate difference in [-1, 1]
   */
  public double distance(int component, int i, int j) {
    int f = featureOf[component];
    if (kinds[f] == FeatureKind.SIMPLEX) {
      return simplexComponent(f, component - layout.start(f), i, j);
    }
    return featureDistance(f, i, j);
  }

  /** Coordinate k of {@link #simplexDelta}, the same value. */
  private double simplexComponent(int f, int k, int i, int j) {
    int a = codes[f][i];
    int b = codes[f][j];
    int levels = dims[f];
    int width = levels - 1;
    if (a < 0 || b < 0) {
      return missingDistance / Math.sqrt(width);
    }
    if (a >= levels || b >= levels) {
      return a == b ? 0.0 : 1.0 / Math.sqrt(width);
    }
    if (a == b) {
      return 0.0;
    }
    return SimplexCoordinates.coordinate(Math.min(a, b), k)
        - SimplexCoordinates.coordinate(Math.max(a, b), k);
  }

  private double featureDistance(int f, int i, int j) {
    switch (kinds[f]) {
      case CATEGORICAL -> {
        int a = codes[f][i];
        int b = codes[f][j];
        return (a < 0 || b < 0) ? missingDistance : (a == b ? 0.0 : 1.0);
      }
      case ORDINAL -> {
        double d = Math.abs(values[f][i] - values[f][j]);
        return Double.isNaN(d) ? missingDistance : d;
      }
      default -> {
        return vectorDistance(f, i, j);
      }
    }
  }

  private double vectorDistance(int f, int i, int j) {
    boolean[] m = missing[f];
    if (m[i] || m[j]) {
      return missingDistance;
    }
    double[] v = values[f];
    int dim = dims[f];
    int a = i * dim;
    int b = j * dim;
    double sum = 0.0;
    for (int c = 0; c < dim; c++) {
      double d = v[a + c] - v[b + c];
      sum += d * d;
    }
    return Math.min(1.0, Math.sqrt(sum / dim));
  }
}
