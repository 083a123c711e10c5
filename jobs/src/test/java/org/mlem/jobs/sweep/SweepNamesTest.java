package org.mlem.jobs.sweep;

import org.mlem.jobs.output.NaturalOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.jobs.io.InputException;

/** Set names, seeds, the batch-size file and the CSV of the combined table, without Spark. */
class SweepNamesTest {
  @Test
  void namesSortNaturally() {
    List<String> names = new ArrayList<>(List.of("layer=10", "layer=2", "b", "layer=1",
        "layer=02", "a7", "a10"));
    names.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("a7", "a10", "b", "layer=1", "layer=02", "layer=2", "layer=10"), names);
  }

  @Test
  void theSeedIsTheRunSeedMixedWithTheNamesSha256Prefix() {
    // python3: struct.unpack('>q', hashlib.sha256(b'layer=3').digest()[:8])[0]
    assertEquals(4286897055839599132L, SetSeeds.nameHash("layer=3"));
    assertEquals(-3848465438864589366L, SetSeeds.nameHash("a"));
    assertEquals(PositionalRandom.mix(5, 4286897055839599132L), SetSeeds.seedOf(5, "layer=3"));
  }

  @Test
  void batchSizeFilesRoundTripAndBadOnesAreNamed() {
    SharedBatchSize b = new SharedBatchSize(780, 3, 0.0125, List.of("w1"), List.of("f0", "f1"),
        -4, true);
    assertEquals(b, SharedBatchSize.parse(b.toJson(), "f.json"));
    SharedBatchSize main = new SharedBatchSize(780, 3, 0.0125, List.of(), List.of("f0", "f1"),
        -4, false);
    assertEquals(main, SharedBatchSize.parse(main.toJson(), "f.json"));
    // a file written before the key existed fits either model
    SharedBatchSize older = SharedBatchSize.parse("{\"batch_size\": 64}", "f.json");
    assertEquals(null, older.interactions());
    assertTrue(older.fitsInteractions(true) && older.fitsInteractions(false));
    assertTrue(b.fitsInteractions(true) && !b.fitsInteractions(false));
    SharedBatchSize given = SharedBatchSize.given(64, List.of("f0"), 1);
    assertEquals(given, SharedBatchSize.parse(given.toJson(), "f.json"));
    InputException e = assertThrows(InputException.class,
        () -> SharedBatchSize.parse("{\"batch_size\": 1}", "f.json"));
    assertEquals("batch-size file f.json: \"batch_size\" must be an integer >= 2, found 1; write"
        + " it with mlem estimate-batch-size", e.getMessage());
    InputException notJson = assertThrows(InputException.class,
        () -> SharedBatchSize.parse("[1]", "g.json"));
    assertEquals("batch-size file g.json must hold a JSON object such as {\"batch_size\": 2048,"
        + " ...} as written by mlem estimate-batch-size", notJson.getMessage());
  }

  @Test
  void combinedCsvQuotesAndLeavesNullsEmpty() {
    String csv = CombinedTable.csv(List.of(
        new Object[] {"layer=1", "f0", 0.5, 0.1, 0.2, 0.8, 0.3, 0.2, 0.1, "ok", null,
            "stimulus", "permutation noise only", "mse", 0.04},
        new Object[] {"layer=2", null, null, null, null, null, null, null, null, "failed",
            "constant, \"really\"", null, null, null, null}));
    assertEquals("set,unit,mean,std,ci_low,ci_high,spearman,rho_a,tau_a,status,reason,kind,"
        + "interval,scoring,score\n"
        + "layer=1,f0,0.5,0.1,0.2,0.8,0.3,0.2,0.1,ok,,stimulus,permutation noise only,mse,0.04\n"
        + "layer=2,,,,,,,,,failed,\"constant, \"\"really\"\"\",,,,\n", csv);
  }
}
