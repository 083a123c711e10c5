package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureKindTest {
  @Test
  void parsesNamesAndSynonym() {
    assertEquals(FeatureKind.CATEGORICAL, FeatureKind.parse("categorical"));
    assertEquals(FeatureKind.ORDINAL, FeatureKind.parse("Ordinal"));
    assertEquals(FeatureKind.ORDINAL, FeatureKind.parse("numeric"));
    assertEquals(FeatureKind.VECTOR, FeatureKind.parse(" vector "));
    assertEquals(FeatureKind.SIMPLEX, FeatureKind.parse("Simplex"));
  }

  @Test
  void unknownNameListsAcceptedValues() {
    assertEquals(
        "feature kind must be one of categorical, ordinal (or numeric), vector, simplex, found 'nominal'",
        assertThrows(IllegalArgumentException.class, () -> FeatureKind.parse("nominal"))
            .getMessage());
  }
}
