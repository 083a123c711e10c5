package org.mlem.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.AdamWConfig;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.rank.SoftRankStrength;
import org.junit.jupiter.api.Test;

class MlemOptionsTest {
  @Test
  void everyConfigOptionRoundTripsThroughTextAndBackIntoMlemConfig() {
    MlemConfig c = MlemConfig.builder().model(Model.FRRSA_I).interactions(true)
        .parametrization(Parametrization.CHOLESKY).strength(SoftRankStrength.relative(0.5))
        .optimizer(new AdamWConfig(0.05, 0.8, 0.99, 1e-7, 0.01))
        .stopping(StoppingSignal.TRAINING).patience(7).maxSteps(33).prefetchSteps(3).seed(-5)
        .batchSize(1234).testFraction(0.3).folds(4).permutations(0)
        .totalImportance(false).importance(ImportanceKind.TERM).evaluationBatches(2)
        .threads(3).build();
    Map<String, String> text = c.toMap();
    // One entry per option of the table, written as the user would type it.
    assertEquals(MlemOptions.CONFIG.options().size(), text.size());
    assertEquals("frrsa-i", text.get("model"));
    assertEquals("relative:0.5", text.get("strength"));
    assertEquals("1234", text.get("batch-size"));
    assertEquals("0.05", text.get("lr"));
    assertEquals(c, MlemConfig.fromMap(text));
  }

  @Test
  void defaultsOfTheTableAreTheBuildersDefaults() {
    MlemConfig built = MlemConfig.builder().threads(2).build();
    MlemConfig fromNothing = MlemConfig.fromSettings(
        Settings.empty().with(MlemOptions.THREADS, 2));
    assertEquals(built, fromNothing);
    // Values written by hand from the paper's Appendix B and the README's defaults table.
    assertEquals("auto", built.toMap().get("batch-size"));
    assertEquals("50", built.toMap().get("patience"));
    assertEquals("1000", built.toMap().get("max-steps"));
    assertEquals("0.1", built.toMap().get("lr"));
    assertEquals("10", built.toMap().get("permutations"));
    assertEquals("stimulus", built.toMap().get("importance"));
    assertEquals("absolute:1.0", built.toMap().get("strength"));
  }

  @Test
  void frrsaWithoutInteractionsGivenIsDiagonal() {
    MlemConfig c = MlemConfig.fromMap(Map.of("model", "frrsa"));
    assertEquals(false, c.training().interactions());
    assertTrue(MlemConfig.fromMap(Map.of("model", "frrsa-i")).training().interactions());
  }

  @Test
  void badValuesAreNamedWithTheRule() {
    assertEquals("patience must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
        () -> MlemConfig.fromMap(Map.of("patience", "0"))).getMessage());
    assertEquals("patience must be an integer, found 'x'",
        assertThrows(IllegalArgumentException.class,
            () -> MlemConfig.fromMap(Map.of("patience", "x"))).getMessage());
    assertEquals("batch-size must be auto (0) or >= 4, found 3",
        assertThrows(IllegalArgumentException.class,
            () -> MlemOptions.BATCH_SIZE.parse("3")).getMessage());
    assertEquals(0, MlemOptions.BATCH_SIZE.parse(" AUTO "));
    assertEquals("model must be one of mlem, frrsa, frrsa-i, frrsa-ridge, frrsa-ridge-i, found 'x'",
        assertThrows(IllegalArgumentException.class,
            () -> MlemOptions.MODEL.parse("x")).getMessage());
    assertEquals("permutations must be >= 0 (0 skips importance), found -1",
        assertThrows(IllegalArgumentException.class,
            () -> MlemOptions.PERMUTATIONS.parse("-1")).getMessage());
  }

  @Test
  void unknownKeysSuggestTheClosestAndListTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MlemConfig.fromMap(Map.of("patiense", "3")));
    assertTrue(e.getMessage().startsWith(
        "configuration: unknown key 'patiense'; did you mean 'patience'? Valid keys: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("adam-epsilon, batch-size, beta1"), e.getMessage());
    assertEquals("max-steps", MlemOptions.CONFIG.suggestion("max-step").orElseThrow());
    assertTrue(MlemOptions.CONFIG.suggestion("colour").isEmpty());
  }

  @Test
  void yamlValuesAreTypedAsYamlTypesThem() {
    assertEquals(5, MlemOptions.FOLDS.fromYaml(5));
    assertEquals(5, MlemOptions.FOLDS.fromYaml(5L));
    assertEquals("folds must be an integer, found '5' (text)",
        assertThrows(IllegalArgumentException.class,
            () -> MlemOptions.FOLDS.fromYaml("5")).getMessage());
    assertEquals("lr must be a number, found 'true' (boolean)",
        assertThrows(IllegalArgumentException.class,
            () -> MlemOptions.LR.fromYaml(true)).getMessage());
    assertEquals(0.5, MlemOptions.LR.fromYaml(0.5));
    assertEquals(List.of("a", "b"), MlemOptions.FEATURE_COLUMNS.fromYaml(List.of("a", "b")));
    Map<String, Object> kinds = new LinkedHashMap<>();
    kinds.put("size", "ordinal");
    kinds.put("color", "categorical");
    assertEquals(Map.of("size", FeatureKind.ORDINAL, "color", FeatureKind.CATEGORICAL),
        MlemOptions.KINDS.fromYaml(kinds));
    assertEquals("size=ordinal,color=categorical",
        MlemOptions.KINDS.format(MlemOptions.KINDS.fromYaml(kinds)));
  }

  @Test
  void everyOptionHasADocAndItsDefaultObeysItsRule() {
    for (OptionTable t : List.of(MlemOptions.CONFIG, MlemOptions.DATA)) {
      for (Option<?> o : t.options()) {
        assertNotNull(o.doc());
        assertTrue(o.doc().endsWith("."), o.key() + ": " + o.doc());
        assertTrue(o.key().matches("[a-z][a-z0-9-]*"), o.key());
      }
    }
    assertEquals("idCol", MlemOptions.ID_COLUMN.paramName());
    assertEquals("maxSteps", MlemOptions.MAX_STEPS.paramName());
  }
}
