package org.mlem.core.testing;

import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;

/**
 * Neural distances that a metric explains exactly: d_ij = sqrt(delta_ij^T W* delta_ij), with no
 * MDS step and no noise, so W* is identifiable up to its scale (unit Frobenius norm).
 *
 * @param features the encoded features whose distances delta_ij are used
 * @param truth W*, F x F symmetric
 */
public record ExactRdm(EncodedFeatures features, double[][] truth) implements PairDistances {
  @Override
  public int size() {
    return features.size();
  }

  @Override
  public double distance(int i, int j) {
    int f = features.featureCount();
    double[] delta = new double[f];
    features.delta(i, j, delta, 0);
    double sum = 0;
    for (int a = 0; a < f; a++) {
      for (int b = 0; b < f; b++) {
        sum += delta[a] * truth[a][b] * delta[b];
      }
    }
    return Math.sqrt(Math.max(sum, 0));
  }
}
