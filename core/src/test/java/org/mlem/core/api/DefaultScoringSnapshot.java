package org.mlem.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.metric.Model;
import org.mlem.core.testing.SimulatedProblem;

/**
 * Every number of a few small analyses with the default scoring, each double written exactly
 * ({@link Double#toHexString}): held-out scores, coefficients and every importance value and
 * baseline, for MLEM with stimulus- and term-level importance and for frrsa-ridge-i. The
 * committed {@code testvectors/default_scoring_before.json} was written by {@link #main} on the
 * release before {@code --scoring} existed (commit 71f0f6f, this class copied there), so
 * {@link DefaultScoringUnchangedTest} shows the default is bit-identical to it.
 */
final class DefaultScoringSnapshot {
  private DefaultScoringSnapshot() {}

  /** The analyses' names and configurations. */
  static Map<String, MlemConfig> configurations() {
    Map<String, MlemConfig> out = new LinkedHashMap<>();
    MlemConfig.Builder quick = MlemConfig.builder().seed(7).maxSteps(40).patience(10)
        .permutations(3).evaluationBatches(2).batchSize(300).threads(2);
    out.put("mlem-stimulus-2folds", quick.folds(2).build());
    out.put("mlem-term", quick.folds(0).importance(ImportanceKind.TERM).build());
    out.put("frrsa-i-stimulus", quick.folds(0).importance(ImportanceKind.STIMULUS)
        .model(Model.FRRSA_I).build());
    out.put("frrsa-ridge-i-stimulus", quick.folds(0).model(Model.FRRSA_RIDGE_I).build());
    return out;
  }

  /** The problem every analysis runs on. */
  static SimulatedProblem problem() {
    return SimulatedProblem.generate(90, 3, 10, 0.5, 3);
  }

  /** Every number of one analysis, by name, as hexadecimal doubles. */
  static Map<String, Object> numbers(MlemAnalysis a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("spearman", hex(a.spearman()));
    out.put("rho_a", hex(a.rhoA()));
    out.put("tau_a", hex(a.tauA()));
    List<Object> folds = new ArrayList<>();
    for (FoldResult f : a.folds()) {
      Map<String, Object> fold = new LinkedHashMap<>();
      fold.put("spearman", hex(f.scores().spearman()));
      fold.put("rho_a", hex(f.scores().rhoA()));
      fold.put("tau_a", hex(f.scores().tauA()));
      fold.put("coefficients", hex(f.metric().coefficients()));
      ImportanceResult r = f.importance().orElseThrow();
      fold.put("baselines", hex(r.baselines()));
      List<Object> units = new ArrayList<>();
      for (int u = 0; u < r.units().size(); u++) {
        units.add(hex(r.values(u)));
      }
      fold.put("importance", units);
      if (r.hasTotals()) {
        List<Object> totals = new ArrayList<>();
        for (int k = 0; k < r.features().size(); k++) {
          double[] t = new double[r.permutations()];
          for (int p = 0; p < t.length; p++) {
            t[p] = r.total(k, p);
          }
          totals.add(hex(t));
        }
        fold.put("totals", totals);
      }
      folds.add(fold);
    }
    out.put("folds", folds);
    return out;
  }

  /** Every analysis of {@link #configurations()} on {@link #problem()}. */
  static Map<String, Object> snapshot() {
    SimulatedProblem problem = problem();
    Map<String, Object> out = new LinkedHashMap<>();
    configurations().forEach((name, config) -> out.put(name,
        numbers(Mlem.with(config).analyze(problem.features(), problem.distances()))));
    return out;
  }

  private static String hex(double v) {
    return Double.toHexString(v);
  }

  private static List<String> hex(double[] v) {
    List<String> out = new ArrayList<>();
    for (double x : v) {
      out.add(hex(x));
    }
    return out;
  }

  /** Writes the snapshot as JSON to the file named by the first argument. */
  public static void main(String[] args) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("source", "DefaultScoringSnapshot on commit 71f0f6f (before --scoring), "
        + "core/src/test/java/org/mlem/core/api/DefaultScoringSnapshot.java");
    doc.put("analyses", snapshot());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(new File(args[0]),
        doc);
  }
}
