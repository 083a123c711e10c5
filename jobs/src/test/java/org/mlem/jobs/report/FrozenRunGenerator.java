package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.testing.FrozenFiles;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * How {@code src/test/resources/frozen/run} was made (once, from main on 2026-12-02): a small
 * {@code mlem fit} (24 stimuli, 3 binary features plus an ordinal {@code size} with one missing
 * value, 4 dimensions, 2 folds, 2 permutations, no report). Skipped unless
 * {@code -Dmlem.frozen.out=DIR} is given; regenerating replaces a frozen format, which is what the
 * frozen tests exist to prevent, so do it only when a format change is intended and documented.
 *
 * <pre>
 * mvn -B -q -o -pl jobs -am test -Dtest=FrozenRunGenerator \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dmlem.frozen.out=$PWD/jobs/src/test/resources/frozen
 * </pre>
 */
class FrozenRunGenerator {
  @TempDir Path tmp;

  @Test
  @EnabledIfSystemProperty(named = "mlem.frozen.out", matches = ".+")
  void writeFrozenRun() throws IOException {
    Path target = Path.of(System.getProperty("mlem.frozen.out")).resolve("run");
    var spark = SparkTestSession.local(2, "FrozenRunGenerator");
    SyntheticDataset data = SimulationStudy.generate(24, 3, 4, 0.5, 11);
    Path features = ReportTestData.features(data, tmp.resolve("data"));
    List<String> lines = Files.readAllLines(features);
    StringBuilder csv = new StringBuilder(lines.get(0)).append(",size\n");
    for (int i = 1; i < lines.size(); i++) {
      String size = i == 5 ? "" : Double.toString(((i * 7) % 5) * 0.5);
      csv.append(lines.get(i)).append(',').append(size).append('\n');
    }
    Files.writeString(features, csv);
    ReportTestData.representations(data, tmp.resolve("data"), "representations.csv");
    Path out = tmp.resolve("run");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        "fit", "--features", features.toString(),
        "--representations", tmp.resolve("data/representations.csv").toString(),
        "--out", out.toString(), "--master", "local[2]", "--seed", "5", "--batch-size", "40",
        "--max-steps", "6", "--patience", "3", "--permutations", "2", "--folds", "2",
        "--partitions", "2", "--quiet", "--no-report");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    FrozenFiles.copyWithoutChecksums(out, target);
    spark.stop();
  }
}
