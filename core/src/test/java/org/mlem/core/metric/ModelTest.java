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
  }

  @Test
  void unknownNamesListTheAcceptedValues() {
    assertEquals(
        "model must be one of mlem, frrsa, frrsa-i, found 'frrsa_i'",
        assertThrows(IllegalArgumentException.class, () -> Model.parse("frrsa_i")).getMessage());
    assertEquals(
        "model must be one of mlem, frrsa, frrsa-i, found null",
        assertThrows(IllegalArgumentException.class, () -> Model.parse(null)).getMessage());
  }
}
