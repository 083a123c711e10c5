package org.mlem.core.api;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.stats.Frobenius;
import org.mlem.core.testing.ExactRdm;
import org.mlem.core.testing.SimulatedProblem;

@Tag("experiment")
class OptimizerExperiment {
  @Test
  void compare() {
    String which = System.getProperty("exp.which", "exact");
    double[] noises = which.equals("exact") ? new double[] {-1}
        : java.util.Arrays.stream(System.getProperty("exp.noise", "0,1,3").split(","))
            .mapToDouble(Double::parseDouble).toArray();
    int seeds = Integer.getInteger("exp.seeds", 5);
    for (double noise : noises) {
      for (String setting : System.getProperty("exp.settings",
          "mlem/projected/validation,mlem/cholesky/training,frrsa-i/projected/validation").split(",")) {
        String[] s = setting.split("/");
        StringBuilder line = new StringBuilder();
        double dist = 0, rho = 0, steps = 0;
        for (long seed = 0; seed < seeds; seed++) {
          SimulatedProblem p = SimulatedProblem.generate(1000, 6, 64, Math.max(noise, 0), seed);
          MlemConfig config = MlemConfig.builder().model(Model.parse(s[0])).interactions(true)
              .parametrization(Parametrization.parse(s[1])).stopping(StoppingSignal.parse(s[2]))
              .seed(seed).testFraction(0.2).permutations(0).build();
          MlemAnalysis a = noise < 0
              ? Mlem.with(config).analyze(p.features(), new ExactRdm(p.features(), p.trueWeights()))
              : Mlem.with(config).analyze(p.features(), p.distances());
          double d = Frobenius.distance(a.weights(), p.trueWeights());
          dist += d / seeds;
          rho += a.spearman() / seeds;
          int st = a.folds().get(0).metric().bestStep();
          steps += (double) st / seeds;
          line.append(String.format(Locale.ROOT, " [%.3f %.3f %d/%d]", d, a.spearman(), st,
              a.folds().get(0).metric().history().steps()));
        }
        System.err.printf(Locale.ROOT, "EXP noise %s %s: dist %.3f rho %.4f beststep %.0f |%s%n",
            noise < 0 ? "exact" : noise, setting, dist, rho, steps, line);
      }
    }
  }
}
