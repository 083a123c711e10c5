package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.SentenceLikeDataset;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.io.InputLoader;
import org.mlem.jobs.io.LoadedInputs;

/**
 * {@code mlem bench --shape sentences}: the files it writes are read back by the fit's own input
 * path as exactly the generated set (same features with the same kinds, every feature distance
 * and every float of the layer bit for bit), and a small run prints each job's figures and
 * breakdown.
 */
class SentenceBenchmarkTest {
  private static SentenceBenchmark.Plan plan(int stimuli, int dims, int layers) {
    return new SentenceBenchmark.Plan(stimuli, dims, 3, 2, layers, 1, "local[2]");
  }

  @Test
  void theWrittenFilesReadBackAsTheGeneratedSet(@TempDir Path dir) throws IOException {
    SentenceLikeDataset.Data data = SentenceLikeDataset.generate(240, 12, 3);
    SentenceBenchmark.Inputs inputs = SentenceBenchmark.writeInputs(data, dir.resolve("data"));
    FitSettings s = SentenceBenchmark.fitSettings(plan(240, 12, 0), inputs, dir.resolve("run"));
    LoadedInputs read = InputLoader.loadWithoutSpark(new Configuration(), s.features(),
        s.representations(), s.idsFrom()).orElseThrow();

    EncodedFeatures expected = FeatureSchema.inferred().encode(data.features());
    EncodedFeatures actual = read.features();
    assertEquals(expected.names(), actual.names());
    assertEquals(expected.ids(), actual.ids());
    assertEquals(expected.layout(), actual.layout());
    for (int f = 0; f < expected.featureCount(); f++) {
      assertEquals(expected.kind(f), actual.kind(f), expected.names().get(f));
    }
    int components = expected.layout().componentCount();
    int missingPairs = 0;
    for (int a = 0; a < components; a++) {
      for (int i = 0; i < expected.size(); i++) {
        for (int j = i + 1; j < expected.size(); j++) {
          double e = expected.distance(a, i, j);
          assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(
              actual.distance(a, i, j)), "component " + a + ", pair " + i + ", " + j);
        }
      }
    }
    assertEquals(data.representations().ids(), read.representations().ids());
    assertArrayEquals(data.representations().data(), read.representations().data());
    // the CSV really holds missing values (empty cells), as the generator's comment says
    String csv = Files.readString(inputs.features());
    assertTrue(csv.contains(",,"), "empty cells for missing values");
  }

  @Test
  void aSmallRunPrintsTheFitAndTheSweepWithWhereTheTimeGoes(@TempDir Path dir)
      throws IOException {
    StringWriter text = new StringWriter();
    SentenceBenchmark.run(new PrintWriter(text), plan(120, 8, 1), dir, 0.5);
    String out = text.toString();
    assertTrue(out.startsWith("dataset: 120 stimuli x 8 dims, 24 sentence-like features"), out);
    assertTrue(out.contains("mlem fit in process"), out);
    assertTrue(out.matches("(?s).*where the time goes: JVM start to this command 0\\.50 s, "
        + "read \\+ encode [0-9.]+ s, batch size [0-9.]+ s, fit [0-9.]+ s, importance [0-9.]+ "
        + "s.*"), out);
    assertTrue(out.matches("(?s).*mlem sweep over 1 layer of 120 x 8 \\(concurrency 1\\): "
        + "[0-9.]+ s \\(target: at most 3 min\\), Spark not started; 0 failed\n  where the time goes: features .*"), out);
    assertTrue(Files.isRegularFile(dir.resolve("run").resolve("run.json")));
    assertTrue(Files.isRegularFile(dir.resolve("layers").resolve("layer01.npy")));
  }
}
