package org.mlem.jobs.cli;

import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.UsageException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.optim.StoppingSignal;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.jobs.io.InputFormat;

/**
 * Option parsing, YAML precedence and every validation error; none of these start Spark: every
 * check happens before.
 */
class MlemCliTest {
  @TempDir Path tmp;
  private String features;
  private String reps;
  private String out;

  @BeforeEach
  void files() throws IOException {
    features = Files.writeString(tmp.resolve("f.csv"), "id,a\ns0,x\n").toString();
    reps = Files.writeString(tmp.resolve("r.csv"), "id,v\ns0,1\n").toString();
    out = tmp.resolve("run").toString();
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  private String[] fit(String... extra) {
    List<String> args = new ArrayList<>(List.of("fit", "--features", features,
        "--representations", reps, "--out", out));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private void assertBadUsage(String expectedMessage, String... args) {
    Result r = cli(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expectedMessage), "stderr was: " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(Path.of(out)), "no output directory");
  }

  @Test
  void defaultsComeFromTheCore() {
    FitSettings s = MlemCli.resolveFit("--features", "f", "--representations", "r", "--out",
        "o");
    assertEquals(Model.MLEM, s.config().training().model());
    assertTrue(s.config().training().interactions());
    assertEquals(0.2, s.config().testFraction());
    assertEquals(0, s.config().folds());
    assertEquals(10, s.config().permutations());
    assertEquals(0, s.config().batchSize());
    assertEquals(0L, s.config().training().seed());
    assertEquals(Parametrization.PROJECTED, s.config().training().parametrization());
    assertEquals(StoppingSignal.VALIDATION, s.config().training().stopping());
    assertEquals(NeuralDistance.EUCLIDEAN, s.distance());
    assertEquals("id", s.features().idColumn());
    assertEquals(InputFormat.AUTO, s.representations().format());
    assertFalse(s.overwrite());
    assertEquals(null, s.master());
  }

  @Test
  void everyOptionIsParsed() {
    FitSettings s = MlemCli.resolveFit("--features", "f.parquet", "--representations", "r.npy",
        "--out", "o", "--id-column", "stim", "--model", "frrsa-i", "--distance", "cosine",
        "--seed", "7", "--folds", "3", "--permutations", "4", "--batch-size", "128",
        "--max-steps", "33", "--patience", "9", "--lr", "0.05", "--strength", "absolute:2",
        "--feature-columns", "a,b", "--kinds", "a=categorical,b=ordinal",
        "--representations-format", "npy", "--vector-column", "v", "--ids", "ids.txt",
        "--hdf5-dataset", "/x", "--partitions", "6", "--no-total-importance", "--quiet",
        "--master", "local[3]", "--overwrite", "--importance", "term", "--parametrization", "cholesky",
        "--stopping", "training");
    assertEquals(Parametrization.CHOLESKY, s.config().training().parametrization());
    assertEquals(StoppingSignal.TRAINING, s.config().training().stopping());
    assertEquals("cholesky", s.config().toMap().get("parametrization"));
    assertEquals("training", s.config().toMap().get("stopping"));
    assertEquals(Model.FRRSA_I, s.config().training().model());
    assertTrue(s.config().training().interactions());
    assertEquals(NeuralDistance.COSINE, s.distance());
    assertEquals(7L, s.config().training().seed());
    assertEquals(3, s.config().folds());
    assertEquals(4, s.config().permutations());
    assertEquals(128, s.config().batchSize());
    assertEquals(33, s.config().training().maxSteps());
    assertEquals(9, s.config().training().patience());
    assertEquals(0.05, s.config().training().optimizer().learningRate());
    assertEquals(SoftRankStrength.absolute(2), s.config().training().strength());
    assertEquals(List.of("a", "b"), s.features().featureColumns());
    assertEquals(FeatureKind.ORDINAL, s.features().kinds().get("b"));
    assertEquals("stim", s.representations().idColumn());
    assertEquals(InputFormat.NPY, s.representations().format());
    assertEquals("v", s.representations().vectorColumn());
    assertEquals("ids.txt", s.representations().idsUri());
    assertEquals("/x", s.representations().hdf5Dataset());
    assertEquals(6, s.partitions());
    assertFalse(s.config().totalImportance());
    assertEquals(ImportanceKind.TERM, s.config().importance());
    assertEquals("term", s.config().toMap().get("importance"));
    assertEquals(ImportanceKind.STIMULUS, MlemCli.resolveFit("--features", "f.parquet",
        "--representations", "r.npy", "--out", "o").config().importance(),
        "stimulus-level importance is the default");
    UsageException bad = assertThrows(UsageException.class, () -> MlemCli.resolveFit(
        "--features", "f.parquet", "--representations", "r.npy", "--out", "o",
        "--importance", "pairs"));
    assertEquals("--importance must be one of stimulus, term, found 'pairs'",
        bad.getMessage());
    assertTrue(s.quiet());
    assertTrue(s.overwrite());
    assertEquals("local[3]", s.master());
  }

  @Test
  void frrsaForcesInteractionsOff() {
    FitSettings s = MlemCli.resolveFit("--features", "f", "--representations", "r", "--out",
        "o", "--model", "frrsa");
    assertFalse(s.config().training().interactions());
    FitSettings m = MlemCli.resolveFit("--features", "f", "--representations", "r", "--out",
        "o", "--no-interactions");
    assertFalse(m.config().training().interactions());
  }

  @Test
  void yamlFillsInAndFlagsWin() throws IOException {
    Path yaml = Files.writeString(tmp.resolve("c.yaml"), String.join("\n",
        "features: " + features, "representations: " + reps, "out: " + out,
        "test-fraction: 0.3", "seed: 11", "permutations: 2", "interactions: false",
        "feature-columns: [a, b]", "kinds: {a: categorical}", "batch-size: 64", "lr: 1",
        ""));
    FitSettings s = MlemCli.resolveFit("--config", yaml.toString(), "--seed", "12");
    assertEquals(12L, s.config().training().seed(), "the flag wins");
    assertEquals(0.3, s.config().testFraction());
    assertEquals(2, s.config().permutations());
    assertFalse(s.config().training().interactions());
    assertEquals(List.of("a", "b"), s.features().featureColumns());
    assertEquals(FeatureKind.CATEGORICAL, s.features().kinds().get("a"));
    assertEquals(64, s.config().batchSize());
    assertEquals(1.0, s.config().training().optimizer().learningRate());
    assertEquals(features, s.features().uri());

    FitSettings folds = MlemCli.resolveFit("--config", yaml.toString(), "--folds", "4");
    assertEquals(4, folds.config().folds(), "a split on the command line replaces the file's");
    assertEquals(0.2, folds.config().testFraction());
    FitSettings on = MlemCli.resolveFit("--config", yaml.toString(), "--interactions");
    assertTrue(on.config().training().interactions());
  }

  @Test
  void unknownOptionValues() {
    assertBadUsage(
        "--model must be one of mlem, frrsa, frrsa-i, frrsa-ridge, frrsa-ridge-i, found 'foo'",
        fit("--model", "foo"));
    assertBadUsage("--distance must be one of euclidean, sqeuclidean, manhattan, cosine, "
        + "correlation, norm_diff, found 'bar'", fit("--distance", "bar"));
    assertBadUsage("--strength must be absolute:EPS or relative:C with a value > 0, found 'soft:1'", fit("--strength", "soft:1"));
    assertBadUsage("--representations-format must be one of auto, parquet, csv, npy, hdf5, npz,"
        + " safetensors, rdm, found 'xls'", fit("--representations-format", "xls"));
    assertBadUsage("--features-format must be one of auto, parquet, csv, found 'npy'",
        fit("--features-format", "npy"));
    assertBadUsage("--kinds for a: must be one of categorical, ordinal, vector, simplex, found 'colour'", fit("--kinds", "a=colour"));
    assertBadUsage("Unknown options: '--bogus'", fit("--bogus", "1"));
    assertBadUsage("--folds must be an integer, found 'abc'", fit("--folds", "abc"));
  }

  @Test
  void outOfRangeNumbers() {
    assertBadUsage("--test-fraction must be in (0, 1), found 1.5", fit("--test-fraction", "1.5"));
    assertBadUsage("--folds must be 0 (one train/test split) or >= 2, found 1",
        fit("--folds", "1"));
    assertBadUsage("--permutations must be >= 0 (0 skips importance), found -1",
        fit("--permutations", "-1"));
    assertBadUsage("--batch-size must be auto (0) or >= 4, found 1", fit("--batch-size", "1"));
    assertBadUsage("--batch-size must be auto (0) or >= 4, found 2", fit("--batch-size", "2"));
    assertBadUsage("--batch-size must be an integer or auto, found 'big'",
        fit("--batch-size", "big"));
    assertBadUsage("--max-steps must be >= 1, found 0", fit("--max-steps", "0"));
    assertBadUsage("--patience must be >= 1, found 0", fit("--patience", "0"));
    assertBadUsage("--lr must be > 0 and finite, found -0.1", fit("--lr", "-0.1"));
    assertBadUsage("--partitions must be >= 0", fit("--partitions", "-2"));
    assertBadUsage("--missing-distance must be in [0, 1], found 2.0",
        fit("--missing-distance", "2"));
  }

  @Test
  void contradictions() {
    assertBadUsage("--folds 5 and --test-fraction 0.3 are mutually exclusive",
        fit("--folds", "5", "--test-fraction", "0.3"));
    assertBadUsage("--model frrsa has no interaction terms",
        fit("--model", "frrsa", "--interactions"));
    assertBadUsage("--model frrsa-i always has interaction terms",
        fit("--model", "frrsa-i", "--no-interactions"));
    assertBadUsage("contradicts", fit("--interactions", "--no-interactions"));
  }

  @Test
  void missingRequiredOptions() {
    assertBadUsage("missing required option --representations",
        "fit", "--features", features, "--out", out);
    assertBadUsage("a command is required: fit, sweep, searchlight, rsa, estimate-batch-size, report,"
        + " simulate, robustness, efficiency, demo or bench");
  }

  @Test
  void yamlErrorsNameTheKey() throws IOException {
    Path unknown = Files.writeString(tmp.resolve("u.yaml"), "foldz: 3\n");
    assertBadUsage("config file " + unknown + ": unknown key 'foldz'; did you mean 'folds'? Valid keys: ",
        fit("--config", unknown.toString()));
    Path wrong = Files.writeString(tmp.resolve("w.yaml"), "folds: three\n");
    assertBadUsage("config file " + wrong + ": key 'folds' must be an integer, found 'three' "
        + "(text)", fit("--config", wrong.toString()));
    Path flag = Files.writeString(tmp.resolve("b.yaml"), "overwrite: 1\n");
    assertBadUsage("key 'overwrite' must be true or false, found '1' (number)",
        fit("--config", flag.toString()));
    Path both = Files.writeString(tmp.resolve("s.yaml"), "folds: 3\ntest-fraction: 0.1\n");
    assertBadUsage("--folds 3 and --test-fraction 0.1 are mutually exclusive",
        fit("--config", both.toString()));
    Path list = Files.writeString(tmp.resolve("l.yaml"), "- a\n- b\n");
    assertBadUsage("must be a mapping of option names to values",
        fit("--config", list.toString()));
    assertBadUsage("config file not found: " + tmp.resolve("none.yaml"),
        fit("--config", tmp.resolve("none.yaml").toString()));
    Path cfg = Files.writeString(tmp.resolve("c.yaml"), "config: other.yaml\n");
    assertBadUsage("unknown key 'config'", fit("--config", cfg.toString()));
  }

  @Test
  void missingInputsAreRefusedBeforeSpark() {
    String missing = tmp.resolve("nope.parquet").toString();
    assertBadUsage("features file not found: " + missing,
        "fit", "--features", missing, "--representations", reps, "--out", out);
    assertBadUsage("representations file not found: " + missing,
        "fit", "--features", features, "--representations", missing, "--out", out);
    assertBadUsage("representation ids file not found: " + missing, fit("--ids", missing));
  }

  @Test
  void existingOutputWithoutOverwrite() throws IOException {
    Files.createDirectories(Path.of(out));
    Result r = cli(fit());
    assertEquals(2, r.code());
    assertEquals("mlem: output directory exists: " + out + "; pass --overwrite to replace it",
        r.err().strip());
    try (var s = Files.list(Path.of(out))) {
      assertEquals(0, s.count(), "left untouched");
    }
    Result demo = cli("demo", "--out", out);
    assertEquals(2, demo.code());
    assertTrue(demo.err().contains("output directory exists: " + out));
    Files.writeString(Path.of(out).resolve("mine.txt"), "keep");
    Result overwrite = cli("demo", "--out", out, "--overwrite");
    assertEquals(2, overwrite.code(), overwrite.err());
    assertEquals("mlem: --out " + out + " exists and is not a demo directory (mine.txt);"
        + " --overwrite replaces only a previous demo: choose a new --out", overwrite.err().strip());
    assertTrue(Files.exists(Path.of(out).resolve("mine.txt")));
    Result simulate = cli("simulate", "--out", out, "--overwrite");
    assertEquals(2, simulate.code(), simulate.err());
    assertEquals("mlem: --out " + out + " exists and is not an output directory of this command"
        + " (no simulate.json and _SUCCESS); --overwrite replaces only a previous one: choose a"
        + " new --out, or move it away yourself", simulate.err().strip());
    assertTrue(Files.exists(Path.of(out).resolve("mine.txt")));
  }

  /**
   * The demo fits in process by default (its files written without Spark) and on Spark with
   * {@code --engine spark}: the same tables byte for byte; a non-local master with
   * {@code --engine in-process} is refused before anything is written.
   */
  @Test
  void theDemoInProcessAndOnSparkWriteTheSameTables() throws IOException {
    String inProcess = tmp.resolve("demo-in-process").toString();
    String onSpark = tmp.resolve("demo-spark").toString();
    Result a = cli("demo", "--out", inProcess, "--max-steps", "30", "--permutations",
        "2", "--master", "local[1]");
    assertEquals(0, a.code(), a.err());
    Result b = cli("demo", "--out", onSpark, "--max-steps", "30", "--permutations",
        "2", "--master", "local[1]", "--engine", "spark");
    assertEquals(0, b.code(), b.err());
    assertTrue(a.out().contains("in-process placement"), a.out());
    assertTrue(b.out().contains("broadcast placement"), b.out());
    for (String table : List.of("weights.csv", "importance.csv", "scores.csv")) {
      assertArrayEquals(Files.readAllBytes(Path.of(onSpark, "run", table)),
          Files.readAllBytes(Path.of(inProcess, "run", table)), table);
    }
    String refused = tmp.resolve("demo-refused").toString();
    Result c = cli("demo", "--out", refused, "--engine", "in-process", "--master",
        "spark://127.0.0.1:1");
    assertEquals(2, c.code(), c.err());
    assertTrue(c.err().contains("--engine in-process: the master spark://127.0.0.1:1 is not"
        + " local"), c.err());
    assertFalse(Files.exists(Path.of(refused)));
  }

  @Test
  void helpAndVersion() {
    Result help = cli("fit", "--help");
    assertEquals(0, help.code());
    for (String option : List.of("--features", "--representations", "--out", "--id-column",
        "--model", "--interactions", "--no-interactions", "--distance", "--seed",
        "--test-fraction", "--folds", "--permutations", "--batch-size", "--max-steps",
        "--master", "--config", "--overwrite", "--strength", "--patience", "--lr",
        "--feature-columns", "--kinds", "--representations-format", "--vector-column", "--ids",
        "--hdf5-dataset", "--partitions", "--no-total-importance", "--importance", "--quiet")) {
      assertTrue(help.out().contains(option), option);
    }
    Result version = cli("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("mlem "), version.out());
    assertTrue(version.out().contains("Spark 4."), version.out());
    assertEquals(0, cli("--help").code());
  }

  @Test
  void theExampleConfigHoldsOnlyValidKeysAndPointsAtTheDemosData() {
    FitSettings s = MlemCli.resolveFit("--config", "../conf/fit-example.yaml");
    assertEquals("mlem-demo/data/features.csv", s.features().uri());
    assertEquals("mlem-demo/data/representations.parquet", s.representations().uri());
    assertEquals(0, s.config().batchSize());
    assertEquals(2L, MlemCli.resolveFit("--config", "../conf/fit-example.yaml", "--seed", "2")
        .config().training().seed());
  }
}
