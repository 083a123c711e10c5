package org.mlem.core.train;

import java.util.Objects;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.AdamWConfig;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.rank.SoftRankStrength;

/**
 * How a metric is trained (docs/method.md sections 2 and 4). Immutable and validated at construction.
 *
 * @param model MLEM (SPD), FR-RSA (diagonal, non-negative) or FR-RSA-I (unconstrained symmetric)
 * @param interactions whether the metric has interaction (off-diagonal) terms
 * @param parametrization how MLEM's metric is kept positive semidefinite (default projected;
 *     ignored by the baselines, which have one parametrization each)
 * @param strength soft-rank regularization strength, absolute or relative (default absolute 1.0,
 *     the reference package's; see the README for the simulation evidence behind the default)
 * @param optimizer AdamW settings (default lr 0.1, betas 0.9/0.999, eps 1e-8, no weight decay)
 * @param stopping the score early stopping watches (default a fixed validation batch)
 * @param patience steps without improvement of that score before stopping, >= 1 (50)
 * @param maxSteps maximum number of steps, >= 1 (1000)
 * @param prefetchSteps steps whose batches are prepared ahead: a cluster source computes the next
 *     chunk of this many while the current one trains, the in-process source builds batches one
 *     by one up to this many steps ahead ({@link BatchPrefetch}; >= 1, default 8)
 * @param seed seed of the parameter initialization and of every pair draw
 */
public record TrainingConfig(
    Model model,
    boolean interactions,
    Parametrization parametrization,
    SoftRankStrength strength,
    AdamWConfig optimizer,
    StoppingSignal stopping,
    int patience,
    int maxSteps,
    int prefetchSteps,
    long seed) {

  /** Default patience (paper, Appendix B). */
  public static final int DEFAULT_PATIENCE = MlemOptions.PATIENCE.defaultValue();
  /** Default maximum number of steps (paper, Appendix B). */
  public static final int DEFAULT_MAX_STEPS = MlemOptions.MAX_STEPS.defaultValue();
  /** Default number of steps fetched per request to the pair source. */
  public static final int DEFAULT_PREFETCH_STEPS = MlemOptions.PREFETCH_STEPS.defaultValue();

  /** Validates every field. */
  public TrainingConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parametrization, "parametrization");
    Objects.requireNonNull(strength, "strength");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(stopping, "stopping");
    MlemOptions.PATIENCE.check(patience);
    MlemOptions.MAX_STEPS.check(maxSteps);
    MlemOptions.PREFETCH_STEPS.check(prefetchSteps);
    String problem = model.interactionsProblem(interactions);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The default soft-rank strength: absolute 1.0, as the authors' package. */
  public static final SoftRankStrength DEFAULT_STRENGTH = MlemOptions.STRENGTH.defaultValue();

  /** The default parametrization of MLEM's metric. */
  public static final Parametrization DEFAULT_PARAMETRIZATION =
      MlemOptions.PARAMETRIZATION.defaultValue();
  /** The default early-stopping signal. */
  public static final StoppingSignal DEFAULT_STOPPING = MlemOptions.STOPPING.defaultValue();

  /**
   * MLEM with interactions, the projected parametrization, absolute strength 1, the paper's
   * optimizer and patience, stopping on a validation batch.
   */
  public static TrainingConfig defaults(long seed) {
    return new TrainingConfig(Model.MLEM, true, DEFAULT_PARAMETRIZATION, DEFAULT_STRENGTH,
        AdamWConfig.defaults(), DEFAULT_STOPPING, DEFAULT_PATIENCE, DEFAULT_MAX_STEPS,
        DEFAULT_PREFETCH_STEPS, seed);
  }

  /** A copy with another parametrization of MLEM's metric. */
  public TrainingConfig withParametrization(Parametrization newParametrization) {
    return new TrainingConfig(model, interactions, newParametrization, strength, optimizer,
        stopping, patience, maxSteps, prefetchSteps, seed);
  }

  /** A copy with another early-stopping signal. */
  public TrainingConfig withStoppingSignal(StoppingSignal newStopping) {
    return new TrainingConfig(model, interactions, parametrization, strength, optimizer,
        newStopping, patience, maxSteps, prefetchSteps, seed);
  }

  /** A copy with another model and interaction setting. */
  public TrainingConfig withModel(Model newModel, boolean newInteractions) {
    return new TrainingConfig(newModel, newInteractions, parametrization, strength, optimizer,
        stopping, patience, maxSteps, prefetchSteps, seed);
  }

  /** A copy with another seed. */
  public TrainingConfig withSeed(long newSeed) {
    return new TrainingConfig(model, interactions, parametrization, strength, optimizer,
        stopping, patience, maxSteps, prefetchSteps, newSeed);
  }

  /** A copy with another soft-rank strength. */
  public TrainingConfig withStrength(SoftRankStrength newStrength) {
    return new TrainingConfig(model, interactions, parametrization, newStrength, optimizer,
        stopping, patience, maxSteps, prefetchSteps, seed);
  }

  /** A copy with other stopping settings. */
  public TrainingConfig withStopping(int newPatience, int newMaxSteps) {
    return new TrainingConfig(model, interactions, parametrization, strength, optimizer,
        stopping, newPatience, newMaxSteps, prefetchSteps, seed);
  }
}
