package org.mlem.core.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.TestVectors;

/**
 * Fractional ridge against a plain Gaussian-elimination solve of the ridge normal equations,
 * the OLS and zero ends of the path, the fraction each alpha achieves, and values from
 * scikit-learn (core/src/test/python/fractional_ridge_reference.py).
 */
class FractionalRidgeTest {
  private static final String SCRIPT = "src/test/python/fractional_ridge_reference.py";
  private static final String VECTORS = "fractional_ridge.json";

  /** 8 x 3 hand-written design with an offset, two correlated columns. */
  private static final double[] X = {
    1, 2, 0.5,
    2, 1, 1.5,
    3, 3.5, -1,
    4, 3, 2,
    5, 6, 0,
    6, 5, 1,
    7, 8, -2,
    8, 7.5, 0.5};
  private static final double[] Y = {3.1, 2.0, 6.5, 4.2, 9.9, 7.1, 13.0, 10.2};
  private static final int ROWS = 8;
  private static final int COLUMNS = 3;

  @Test
  void ridgeSolutionIsTheClosedFormOfTheCenteredNormalEquations() {
    FractionalRidge ridge = FractionalRidge.fit(X, ROWS, COLUMNS, Y);
    for (double fraction : new double[] {0.1, 0.35, 0.6, 0.95}) {
      RidgeSolution solution = ridge.solve(fraction);
      assertTrue(solution.alpha() > 0 && Double.isFinite(solution.alpha()), "alpha " + fraction);
      double[] expected = closedForm(solution.alpha());
      for (int c = 0; c < COLUMNS; c++) {
        assertEquals(expected[c], solution.beta()[c], 1e-8, "fraction " + fraction + " beta " + c);
      }
      assertEquals(meanY() - dot(means(), expected), solution.intercept(), 1e-8);
    }
  }

  @Test
  void fractionOneIsOlsAndFractionZeroIsTheInterceptAlone() {
    FractionalRidge ridge = FractionalRidge.fit(X, ROWS, COLUMNS, Y);
    RidgeSolution ols = ridge.solve(1.0);
    assertEquals(0.0, ols.alpha());
    double[] expected = closedForm(0.0);
    for (int c = 0; c < COLUMNS; c++) {
      assertEquals(expected[c], ols.beta()[c], 1e-8, "OLS beta " + c);
      assertEquals(expected[c], ridge.ols().beta()[c], 1e-8, "OLS beta " + c);
    }
    RidgeSolution zero = ridge.solve(0.0);
    assertEquals(Double.POSITIVE_INFINITY, zero.alpha());
    for (int c = 0; c < COLUMNS; c++) {
      assertEquals(0.0, zero.beta()[c]);
    }
    assertEquals(meanY(), zero.intercept(), 1e-12);
  }

  @Test
  void theFoundAlphaAchievesTheRequestedFraction() {
    FractionalRidge ridge = FractionalRidge.fit(X, ROWS, COLUMNS, Y);
    double olsNorm = norm(closedForm(0.0));
    for (int i = 1; i < 100; i++) {
      double fraction = i / 100.0;
      RidgeSolution solution = ridge.solve(fraction);
      assertEquals(fraction, norm(solution.beta()) / olsNorm, 1e-6, "fraction " + fraction);
      assertEquals(fraction, solution.achieved(), 1e-6, "fraction " + fraction);
    }
  }

  @Test
  void aDuplicatedColumnIsHarmless() {
    double[] x = new double[ROWS * 4];
    for (int r = 0; r < ROWS; r++) {
      System.arraycopy(X, r * COLUMNS, x, r * 4, COLUMNS);
      x[r * 4 + 3] = X[r * COLUMNS];
    }
    RidgeSolution ols = FractionalRidge.fit(x, ROWS, 4, Y).solve(1.0);
    double[] expected = closedForm(0.0);
    // the minimum-norm solution splits column 0's weight equally over its two copies
    assertEquals(expected[0] / 2, ols.beta()[0], 1e-8);
    assertEquals(expected[0] / 2, ols.beta()[3], 1e-8);
    assertEquals(expected[1], ols.beta()[1], 1e-8);
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> FractionalRidge.fit(X, ROWS, COLUMNS, new double[3]));
    FractionalRidge ridge = FractionalRidge.fit(X, ROWS, COLUMNS, Y);
    assertThrows(IllegalArgumentException.class, () -> ridge.solve(1.5));
    assertThrows(IllegalArgumentException.class, () -> ridge.solve(Double.NaN));
  }

  @Test
  void agreesWithTheCommittedScikitLearnValues() {
    checkAgainst(TestVectors.load(VECTORS));
  }

  @Test
  void theReferenceScriptStillGivesTheCommittedValues() throws Exception {
    JsonNode fresh = TestVectors.rerun(SCRIPT, "sklearn, scipy");
    JsonNode committed = TestVectors.load(VECTORS);
    assertEquals(committed.get("cases").size(), fresh.get("cases").size());
    for (int k = 0; k < committed.get("cases").size(); k++) {
      JsonNode a = committed.get("cases").get(k).get("solutions");
      JsonNode b = fresh.get("cases").get(k).get("solutions");
      for (int s = 0; s < a.size(); s++) {
        double[] betaA = TestVectors.doubles(a.get(s).get("beta"));
        double[] betaB = TestVectors.doubles(b.get(s).get("beta"));
        for (int c = 0; c < betaA.length; c++) {
          assertEquals(betaA[c], betaB[c], 1e-9, "case " + k + " solution " + s);
        }
      }
    }
    checkAgainst(fresh);
  }

  private static void checkAgainst(JsonNode vectors) {
    int checked = 0;
    for (JsonNode c : vectors.get("cases")) {
      int rows = c.get("rows").asInt();
      int columns = c.get("columns").asInt();
      FractionalRidge ridge = FractionalRidge.fit(TestVectors.doubles(c.get("x")), rows, columns,
          TestVectors.doubles(c.get("y")));
      for (JsonNode s : c.get("solutions")) {
        String name = c.get("name").asText() + ", fraction " + s.get("fraction").asDouble();
        RidgeSolution solution = ridge.solve(s.get("fraction").asDouble());
        double alpha = s.get("alpha").asDouble();
        assertEquals(alpha, solution.alpha(), 1e-6 * Math.max(alpha, 1e-12), name + " alpha");
        double[] beta = TestVectors.doubles(s.get("beta"));
        for (int j = 0; j < columns; j++) {
          assertEquals(beta[j], solution.beta()[j], 1e-8, name + " beta " + j);
        }
        assertEquals(s.get("intercept").asDouble(), solution.intercept(), 1e-8, name);
        checked++;
      }
    }
    assertEquals(14, checked);
  }

  /** (Xc^T Xc + alpha I)^-1 Xc^T yc by Gaussian elimination with partial pivoting. */
  private static double[] closedForm(double alpha) {
    double[] mx = means();
    double my = meanY();
    double[][] a = new double[COLUMNS][COLUMNS + 1];
    for (int r = 0; r < ROWS; r++) {
      for (int i = 0; i < COLUMNS; i++) {
        double xi = X[r * COLUMNS + i] - mx[i];
        for (int j = 0; j < COLUMNS; j++) {
          a[i][j] += xi * (X[r * COLUMNS + j] - mx[j]);
        }
        a[i][COLUMNS] += xi * (Y[r] - my);
      }
    }
    for (int i = 0; i < COLUMNS; i++) {
      a[i][i] += alpha;
    }
    for (int col = 0; col < COLUMNS; col++) {
      int pivot = col;
      for (int r = col + 1; r < COLUMNS; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < COLUMNS; r++) {
        if (r != col) {
          double m = a[r][col] / a[col][col];
          for (int j = col; j <= COLUMNS; j++) {
            a[r][j] -= m * a[col][j];
          }
        }
      }
    }
    double[] beta = new double[COLUMNS];
    for (int i = 0; i < COLUMNS; i++) {
      beta[i] = a[i][COLUMNS] / a[i][i];
    }
    return beta;
  }

  private static double[] means() {
    double[] m = new double[COLUMNS];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLUMNS; c++) {
        m[c] += X[r * COLUMNS + c] / ROWS;
      }
    }
    return m;
  }

  private static double meanY() {
    double m = 0;
    for (double y : Y) {
      m += y / ROWS;
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
