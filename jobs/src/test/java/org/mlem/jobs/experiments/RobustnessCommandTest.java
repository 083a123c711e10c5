package org.mlem.jobs.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.sim.NoiseInjection;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticColumn;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.core.stats.Frobenius;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem robustness} through the command line on a small generated dataset written as CSV
 * files: the table's rows and columns, the noiseless rows (distance 0, weighted tau 1), a noisy
 * row recomputed with the core engine, and option errors exiting with 2.
 */
class RobustnessCommandTest {
  private static final String[] FIT = {"--seed", "5", "--batch-size", "300", "--max-steps", "20",
      "--patience", "5", "--permutations", "2", "--threads", "2", "--master", "local[2]"};

  private static SparkSession spark;
  private static SyntheticDataset data;
  private static Path features;
  private static Path representations;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "RobustnessCommandTest");
    data = SimulationStudy.generate(60, 3, 6, 0.2, 9);
    StringBuilder f = new StringBuilder("id");
    for (SyntheticColumn c : data.features()) {
      f.append(',').append(c.name());
    }
    f.append('\n');
    StringBuilder r = new StringBuilder("id");
    for (int d = 0; d < data.dims(); d++) {
      r.append(",v").append(d);
    }
    r.append('\n');
    for (int i = 0; i < data.size(); i++) {
      f.append(data.ids().get(i));
      for (SyntheticColumn c : data.features()) {
        f.append(',').append(c.categories()[i]);
      }
      f.append('\n');
      r.append(data.ids().get(i));
      for (int d = 0; d < data.dims(); d++) {
        r.append(',').append(data.representations()[i * data.dims() + d]);
      }
      r.append('\n');
    }
    features = Files.writeString(tmp.resolve("features.csv"), f.toString());
    representations = Files.writeString(tmp.resolve("reps.csv"), r.toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static CliRun robustness(Path out, String... extra) {
    return robustness(features, out, extra);
  }

  private static CliRun robustness(Path featureFile, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("robustness", "--features",
        featureFile.toString(),
        "--representations", representations.toString(), "--out", out.toString()));
    args.addAll(List.of(FIT));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  void writesTheTableComparedWithTheNoiselessFit() throws IOException {
    Path out = tmp.resolve("robust");
    CliRun r = robustness(out, "--noise", "0,1.5", "--seeds", "2", "--models", "mlem,frrsa-i",
        "--no-report");
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(out.resolve("report.html")), "--no-report is honoured");
    for (String f : List.of("robustness.csv", "robustness", "robustness.json", "_SUCCESS")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    List<String> lines = Files.readAllLines(out.resolve("robustness.csv"));
    assertEquals("model,noise,seed,frobenius,weighted_tau,spearman", lines.get(0));
    assertEquals(1 + 2 * 2 * 2, lines.size());
    List<String> keys = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      keys.add(c[0] + "/" + c[1] + "/" + c[2]);
      if (c[1].equals("0.0")) {
        assertEquals(0.0, Double.parseDouble(c[3]), line);
        assertEquals(1.0, Double.parseDouble(c[4]), line);
      }
    }
    assertEquals(List.of("mlem/0.0/1", "mlem/0.0/2", "mlem/1.5/1", "mlem/1.5/2",
        "frrsa-i/0.0/1", "frrsa-i/0.0/2", "frrsa-i/1.5/1", "frrsa-i/1.5/2"), keys);
    assertEquals(8, spark.read().parquet(out.resolve("robustness").toString()).count());

    // mlem at noise 1.5, seed 2, recomputed in-process with the core engine
    EncodedFeatures encoded = FeatureSchema.inferred().encode(SyntheticTables.features(data));
    Representations clean = SyntheticTables.representations(data);
    MlemConfig config = MlemConfig.builder().seed(5).batchSize(300).maxSteps(20).patience(5)
        .permutations(2).threads(1).build();
    MlemAnalysis reference = Mlem.with(config).analyze(encoded,
        new RepresentationDistances(clean, NeuralDistance.EUCLIDEAN));
    float[] noisy = NoiseInjection.addGaussian(clean.data(), clean.size(), clean.dims(), 1.5,
        PositionalRandom.mix(5, RobustnessStudy.NOISE_STREAM, 2));
    MlemAnalysis fit = Mlem.with(config).analyze(encoded, new RepresentationDistances(
        Representations.of(clean.ids(), noisy, clean.dims()), NeuralDistance.EUCLIDEAN));
    String[] row = lines.get(4).split(",");
    assertEquals("mlem/1.5/2", row[0] + "/" + row[1] + "/" + row[2]);
    assertEquals(Frobenius.distance(fit.weights(), reference.weights()),
        Double.parseDouble(row[3]));
    assertEquals(ProfileComparison.weightedTau(FitOutcome.of(fit, 0).profile(),
        FitOutcome.of(reference, 0).profile()), Double.parseDouble(row[4]));
    assertEquals(fit.spearman(), Double.parseDouble(row[5]));

    JsonNode json = new ObjectMapper().readTree(out.resolve("robustness.json").toFile());
    assertEquals("robustness", json.get("command").asText());
    assertEquals(2, json.get("study").get("seeds").asInt());
    assertEquals(2, json.get("inputs").size());
    String text = Files.readString(out.resolve("robustness.json"));
    ProvenanceRecord read = ProvenanceJson.read("robustness.json", text, "fit");
    assertEquals(text, ProvenanceJson.write(read), "robustness.json reads back as written");
    assertEquals(5L, read.seed());
    assertEquals("300", read.config().get("batch-size"));
    assertEquals(out.toString(), read.config().get("out"), "the job's settings are in config");
    assertEquals("features", read.inputs().get(0).role());
    assertTrue(read.timings().get("total") > 0);
    assertTrue(read.started().isBefore(read.finished()));
  }

  /**
   * Every fit goes through the fit job, so --placement and --engine apply: partitioned
   * placement (the representations in blocks, pair distances on the executors) and Spark's
   * broadcast placement give the same table as the in-process engine that auto picks on a local
   * master, bit for bit, as {@code mlem fit} does.
   */
  @Test
  void placementIsHonouredAndPartitionedEqualsBroadcast() throws IOException {
    Path broadcast = tmp.resolve("broadcast");
    Path partitioned = tmp.resolve("partitioned");
    String[] study = {"--noise", "0,1.5", "--seeds", "1", "--models", "mlem", "--no-report"};
    CliRun b = robustness(broadcast, concat(study, "--placement", "broadcast"));
    assertEquals(0, b.code(), b.err());
    CliRun p = robustness(partitioned, concat(study, "--placement", "partitioned",
        "--partitions", "3"));
    assertEquals(0, p.code(), p.err());
    Path onSpark = tmp.resolve("broadcast-on-spark");
    CliRun s = robustness(onSpark, concat(study, "--placement", "broadcast", "--engine",
        "spark"));
    assertEquals(0, s.code(), s.err());
    List<String> rows = Files.readAllLines(broadcast.resolve("robustness.csv"));
    assertEquals(1 + 2, rows.size());
    assertEquals(rows, Files.readAllLines(partitioned.resolve("robustness.csv")));
    // on a local master the fits run in process (auto), the same as on Spark's broadcast
    assertEquals(rows, Files.readAllLines(onSpark.resolve("robustness.csv")));
    assertEquals(spark.read().parquet(onSpark.resolve("robustness").toString()).schema(),
        spark.read().parquet(broadcast.resolve("robustness").toString()).schema(),
        "the Parquet copy written on the driver has the types Spark writes");
    ProvenanceRecord read = ProvenanceJson.read("robustness.json",
        Files.readString(partitioned.resolve("robustness.json")), "fit");
    assertEquals("partitioned", read.config().get("placement"));
    assertEquals("3", read.config().get("partitions"));
  }

  /**
   * --ids-from applies as in {@code mlem fit}: a feature row without a representation is refused
   * by default (exit 2, nothing written) and dropped with {@code --ids-from representations}.
   */
  @Test
  void idsFromIsHonoured() throws IOException {
    Path extra = tmp.resolve("features-extra.csv");
    Files.writeString(extra, Files.readString(features) + "orphan," + data.features().get(0)
        .categories()[0] + "," + data.features().get(1).categories()[0] + ","
        + data.features().get(2).categories()[0] + "\n");
    String[] study = {"--noise", "0", "--seeds", "1", "--models", "mlem", "--no-report"};
    Path refused = tmp.resolve("ids-refused");
    CliRun r = robustness(extra, refused, study);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("orphan"), r.err());
    assertFalse(Files.exists(refused), "no output directory");
    Path dropped = tmp.resolve("ids-dropped");
    CliRun d = robustness(extra, dropped, concat(study, "--ids-from", "representations"));
    assertEquals(0, d.code(), d.err());
    assertEquals(1 + 1, Files.readAllLines(dropped.resolve("robustness.csv")).size());
  }

  /** The ridge models are compared like the others, here with --scoring pearson. */
  @Test
  void ridgeModelsAreComparedWithTheirNoiselessFits() throws IOException {
    Path out = tmp.resolve("robust-ridge");
    CliRun r = robustness(out, "--noise", "0,1.5", "--seeds", "1", "--models",
        "frrsa-ridge,frrsa-ridge-i", "--scoring", "pearson");
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out.resolve("robustness.csv"));
    assertEquals(1 + 2 * 2, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      assertTrue(c[0].startsWith("frrsa-ridge"), line);
      if (c[1].equals("0.0")) {
        assertEquals(0.0, Double.parseDouble(c[3]), line);
        assertEquals(1.0, Double.parseDouble(c[4]), line);
      }
    }
    assertTrue(Files.readString(out.resolve("report.html")).contains("frrsa-ridge-i"));
    ProvenanceRecord read = ProvenanceJson.read("robustness.json",
        Files.readString(out.resolve("robustness.json")), "fit");
    assertEquals("pearson", read.config().get("scoring"));
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(new String[0]);
  }

  private static void assertBadUsage(String expected, String... extra) {
    Path out = tmp.resolve("bad-" + System.nanoTime());
    CliRun r = robustness(out, extra);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(out), "no output directory");
  }

  @Test
  void optionErrorsExitWithTwo() {
    assertBadUsage("Unknown options: '--model', 'frrsa'", "--model", "frrsa");
    assertBadUsage("--placement must be one of", "--placement", "sideways");
    assertBadUsage("--models must list models among mlem, frrsa, frrsa-i, frrsa-ridge, "
        + "frrsa-ridge-i, found 'lda'", "--models", "lda");
    assertBadUsage("--noise levels must be finite and >= 0, found '-2' in '0,-2'",
        "--noise", "0,-2");
    assertBadUsage("--seeds must be >= 1, found 0", "--seeds", "0");
    assertBadUsage("a precomputed RDM (" + representations
        + ") cannot be made noisy: give the vectors", "--representations-format", "rdm");
    assertBadUsage("--strength must be absolute:EPS or relative:C", "--strength", "loud");
  }
}
