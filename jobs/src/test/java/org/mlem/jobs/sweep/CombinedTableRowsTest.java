package org.mlem.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.output.SetStatus;

/**
 * The combined table's rows read from run directories' CSV tables without Spark: every double
 * exactly as written (hand-written cells, including NaN, an exponent and the shortest text of a
 * double), an empty cell as null, columns of older run directories absent, the mean fold's
 * scores on every unit row, a failed set as one row with its reason, and a missing table named.
 */
class CombinedTableRowsTest {
  @TempDir Path tmp;

  private static SetOutcome outcome(String name, SetStatus status, String reason) {
    return new SetOutcome(RepresentationSet.ofFile(name, name, new RepresentationInput(name,
        org.mlem.jobs.io.InputFormat.AUTO, null, null, null, null)), 1L, status, reason, 0.0);
  }

  private void write(String set, String table, String text) throws IOException {
    Path dir = tmp.resolve("runs").resolve(set);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(table), text);
  }

  @Test
  void readsEveryCellExactlyWithNullsAndOlderLayouts() throws IOException {
    write("layer=1", "scores.csv", "fold,spearman,rho_a,tau_a,scoring,score\n"
        + "0,0.5,0.25,0.125,spearman,0.5\n"
        + "mean,0.9786158847933129,NaN,1.0E-7,spearman,0.9786158847933129\n");
    write("layer=1", "importance_summary.csv", "unit,mean,std,ci_low,ci_high,kind,interval\n"
        + "a,0.1,,-0.30000000000000004,NaN,stimulus,permutation noise only\n"
        + "a:b,-2.5E-4,0.0,1.0,2.0,stimulus,\n");
    // an older run directory: no scoring/score columns, no kind/interval, no units
    write("old", "scores.csv", "fold,spearman,rho_a,tau_a\nmean,0.75,0.5,0.25\n");
    write("old", "importance_summary.csv", "unit,mean,std,ci_low,ci_high\n");
    List<Object[]> rows = CombinedTable.rows(new Configuration(), List.of(
        outcome("layer=1", SetStatus.OK, null), outcome("bad", SetStatus.FAILED, "too few pairs"),
        outcome("old", SetStatus.SKIPPED_COMPLETE, null)), tmp.toString());
    assertEquals(4, rows.size());
    assertArrayEquals(new Object[] {"layer=1", "a", 0.1, null, -0.30000000000000004, Double.NaN,
        0.9786158847933129, Double.NaN, 1.0E-7, "ok", null, "stimulus",
        "permutation noise only", "spearman", 0.9786158847933129}, rows.get(0));
    assertArrayEquals(new Object[] {"layer=1", "a:b", -2.5E-4, 0.0, 1.0, 2.0,
        0.9786158847933129, Double.NaN, 1.0E-7, "ok", null, "stimulus", null, "spearman",
        0.9786158847933129}, rows.get(1));
    assertArrayEquals(new Object[] {"bad", null, null, null, null, null, null, null, null,
        "failed", "too few pairs", null, null, null, null}, rows.get(2));
    assertArrayEquals(new Object[] {"old", null, null, null, null, null, 0.75, 0.5, 0.25,
        SetStatus.SKIPPED_COMPLETE.label(), null, null, null, null, null}, rows.get(3));
  }

  @Test
  void aMissingTableIsNamed() throws IOException {
    write("layer=1", "scores.csv", "fold,spearman,rho_a,tau_a\nmean,0.75,0.5,0.25\n");
    InputException e = assertThrows(InputException.class, () -> CombinedTable.rows(
        new Configuration(), List.of(outcome("layer=1", SetStatus.OK, null)), tmp.toString()));
    assertTrue(e.getMessage().contains("importance_summary.csv"), e.getMessage());
  }
}
