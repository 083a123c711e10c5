package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;

/**
 * Which features the held-out warning names, on a hand-made table of 6 stimuli whose first 4
 * are held out. Distances by hand (default missing distance 0, so a missing value is at
 * distance 0 from everything):
 * <ul>
 *   <li>{@code object}: missing, a, b, a: stimuli 1 and 2 differ (distance 1), not constant,
 *       although stimulus 0 is at distance 0 from all the others;
 *   <li>{@code optional}: missing, a, a, missing: every held-out distance 0, constant;
 *   <li>{@code rare}: y, y, y, y (x only on stimuli 4, 5): constant;
 *   <li>{@code frequency}: NaN, 4, 4.5, 4: stimuli 1 and 2 differ, not constant.
 * </ul>
 */
class FoldChecksTest {
  private static final int[] HELD_OUT = {0, 1, 2, 3};

  private static EncodedFeatures features() {
    List<String> ids = List.of("s0", "s1", "s2", "s3", "s4", "s5");
    return FeatureSchema.inferred().encode(FeatureTable.builder(ids)
        .addStrings("object", new String[] {null, "a", "b", "a", "b", "a"})
        .addStrings("optional", new String[] {null, "a", "a", null, "b", "b"})
        .addStrings("rare", new String[] {"y", "y", "y", "y", "x", "x"})
        .addNumbers("frequency", new double[] {Double.NaN, 4.0, 4.5, 4.0, 5.0, 5.5})
        .build());
  }

  @Test
  void aMissingFirstStimulusDoesNotMakeAVaryingFeatureLookConstant() {
    assertEquals(List.of("optional", "rare"),
        FoldChecks.constantOnHeldOut(features(), HELD_OUT));
  }

  @Test
  void withoutTheMissingStimulusOnlyTrulyConstantFeaturesAreNamed() {
    // stimuli 1, 2, 3: optional is a, a, missing (all distances 0), object a, b, a (varies)
    assertEquals(List.of("optional", "rare"),
        FoldChecks.constantOnHeldOut(features(), new int[] {1, 2, 3}));
    // stimuli 1, 3: object a, a; optional a, missing; frequency 4, 4: all constant
    assertEquals(List.of("object", "optional", "rare", "frequency"),
        FoldChecks.constantOnHeldOut(features(), new int[] {1, 3}));
  }
}
