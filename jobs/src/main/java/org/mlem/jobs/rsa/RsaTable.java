package org.mlem.jobs.rsa;

import java.util.List;
import org.mlem.core.rsa.RsaEntry;
import org.mlem.core.rsa.RsaMeasure;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.RunTable;

/**
 * The table of {@code mlem rsa} ({@code OUT/rsa.csv} and {@code OUT/rsa.parquet}): one row per
 * two sets a &lt;= b in the sets' natural order (a set with itself included), with columns
 * set_a, set_b, measure, value, ci_low, ci_high (the 95% percentile interval; NaN without a
 * bootstrap), pairs and stimuli (what the value was computed on), resamples (the bootstrap
 * resamples whose correlation was defined).
 */
public final class RsaTable {
  /** The columns, in order. */
  public static final List<String> COLUMNS = List.of("set_a", "set_b", "measure", "value",
      "ci_low", "ci_high", "pairs", "stimuli", "resamples");

  private RsaTable() {}

  /** The table of the entries. */
  public static RunTable of(List<String> names, List<RsaEntry> entries, RsaMeasure measure,
      int pairs, int stimuli) {
    RunTable.Builder t = RunTable.builder(OutputFiles.RSA).column("set_a", String.class)
        .column("set_b", String.class).column("measure", String.class)
        .column("value", Double.class).column("ci_low", Double.class)
        .column("ci_high", Double.class).column("pairs", Integer.class)
        .column("stimuli", Integer.class).column("resamples", Integer.class);
    for (RsaEntry e : entries) {
      t.row(names.get(e.a()), names.get(e.b()), measure.cliName(), e.value(), e.ciLow(),
          e.ciHigh(), pairs, stimuli, e.resamples());
    }
    return t.build();
  }
}
