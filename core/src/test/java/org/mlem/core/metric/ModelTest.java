package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelTest {
  @Test
  void parseAcceptsTheCliNamesInAnyCase() {
    assertEquals(Model.MLEM, Model.parse("mlem"));
    assertEquals(Model.MLEM, Model.parse("MLEM"));
    assertEquals(Model.FRRSA, Model.parse("FrRsa"));
    assertEquals(Model.FRRSA_I, Model.parse("frrsa-i"));
    assertEquals(Model.FRRSA_I, Model.parse(" FRRSA-I "));
    for (Model model : Model.values()) {
      assertEquals(model, Model.parse(model.cliName()));
    }
  }

  @Test
  void cliNamesAreTheDocumentedOnes() {
    assertEquals("mlem", Model.MLEM.cliName());
    assertEquals("frrsa", Model.FRRSA.cliName());
    assertEquals("frrsa-i", Model.FRRSA_I.cliName());
    assertEquals("frrsa-ridge", Model.FRRSA_RIDGE.cliName());
    assertEquals("frrsa-ridge-i", Model.FRRSA_RIDGE_I.cliName());
  }

  @Test
  void onlyTheRidgeModelsAreFittedInClosedFormAndInteractionsFollowTheName() {
    assertEquals(java.util.List.of(Model.FRRSA_RIDGE, Model.FRRSA_RIDGE_I),
        java.util.Arrays.stream(Model.values()).filter(Model::isRidge).toList());
    assertEquals(false, Model.FRRSA_RIDGE.defaultInteractions());
    assertEquals(true, Model.FRRSA_RIDGE_I.defaultInteractions());
    assertEquals(null, Model.FRRSA_RIDGE.interactionsProblem(false));
    assertEquals(null, Model.FRRSA_RIDGE_I.interactionsProblem(true));
    assertEquals("model frrsa-ridge has no interaction terms; use frrsa-ridge-i for interactions",
        Model.FRRSA_RIDGE.interactionsProblem(true));
    assertEquals(null, Model.MLEM.interactionsProblem(false));
    assertEquals(null, Model.MLEM.interactionsProblem(true));
  }

  @Test
  void unknownNamesListTheAcceptedValues() {
    assertEquals(
        "model must be one of mlem, frrsa, frrsa-i, frrsa-ridge, frrsa-ridge-i, found 'frrsa_i'",
        assertThrows(IllegalArgumentException.class, () -> Model.parse("frrsa_i")).getMessage());
    assertEquals(
        "model must be one of mlem, frrsa, frrsa-i, frrsa-ridge, frrsa-ridge-i, found null",
        assertThrows(IllegalArgumentException.class, () -> Model.parse(null)).getMessage());
  }
}
