package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem fit --placement}: a representation set larger than a tiny broadcast budget runs
 * partitioned under auto (read by Spark, recorded in run.json) and writes exactly the broadcast
 * run's tables; bad representation files give the driver-side loader's messages.
 */
class FitPlacementTest {
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "FitPlacementTest");
    DemoData.write(spark, SimulationStudy.generate(60, 3, 8, 0.5, 4),
        tmp.resolve("data").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private record Result(int code, String out, String err) {}

  private static Result fit(Path out, String representations, String features, String... extra) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> args = new java.util.ArrayList<>(List.of("fit", "--features", features,
        "--representations", representations, "--out", out.toString(), "--master", "local[2]",
        "--seed", "3", "--max-steps", "12", "--patience", "5",
        "--permutations", "2", "--partitions", "2"));
    args.addAll(List.of(extra));
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void autoBeyondTheBudgetRunsPartitionedAndEqualsTheBroadcastRun() throws IOException {
    String features = tmp.resolve("data/features.csv").toString();
    String reps = tmp.resolve("data/representations.parquet").toString();
    Path broadcast = tmp.resolve("broadcast");
    Path auto = tmp.resolve("auto");
    // the Spark engine's broadcast placement (auto would fit these plain Parquet inputs in process)
    Result b = fit(broadcast, reps, features, "--placement", "broadcast", "--batch-size", "60",
        "--engine", "spark");
    assertEquals(0, b.code(), b.err());
    Result a = fit(auto, reps, features, "--placement", "auto", "--broadcast-budget-mb", "0",
        "--batch-size", "60");
    assertEquals(0, a.code(), a.err());
    assertTrue(a.out().contains("partitioned placement"), a.out());
    assertTrue(Files.readString(auto.resolve("run.json")).contains("\"partitioned\""));
    assertTrue(Files.readString(broadcast.resolve("run.json")).contains("\"broadcast\""));
    for (String table : List.of("weights.csv", "importance.csv", "scores.csv")) {
      assertEquals(Files.readString(broadcast.resolve(table)), Files.readString(auto.resolve(table)),
          table);
    }
    assertEquals(scores(broadcast), scores(auto), "history: step scores");
  }

  /** The history's columns but the seconds (fold, step, score, validation_score). */
  private static List<String> scores(Path run) throws IOException {
    return Files.readAllLines(run.resolve("history.csv")).stream()
        .map(line -> {
          String[] cells = line.split(",", -1);
          return cells[0] + "," + cells[1] + "," + cells[2] + "," + cells[4];
        }).toList();
  }

  @Test
  void badRepresentationFilesGiveTheLoadersMessagesWhenPartitioned() throws IOException {
    Path features = tmp.resolve("f.csv");
    Files.writeString(features, "id,color\na,red\nb,blue\nc,red\nd,blue\n");
    String[][] cases = {
        {"id,d0,d1\na,1,2\nb,3,4\nb,5,6\nd,7,8\n", "has duplicate ids: b"},
        {"id,d0,d1\na,1,2\nb,3,4\nc,NaN,6\nd,7,8\n", "stimulus 'c' has NaN in column 0"},
        {"id,d0,d1\na,1,2\nb,3,4\nc,5,6\ne,7,8\n",
            "differ: 1 of the 4 ids of the features is not in the representations (d); 1 of"
                + " the 4 ids of the representations is not in the features (e); ids are"
                + " joined"}};
    for (int k = 0; k < cases.length; k++) {
      Path reps = tmp.resolve("r" + k + ".csv");
      Files.writeString(reps, cases[k][0]);
      Result broadcast = fit(tmp.resolve("bad-b" + k), reps.toString(), features.toString(),
          "--placement", "broadcast", "--batch-size", "4");
      Result partitioned = fit(tmp.resolve("bad-p" + k), reps.toString(), features.toString(),
          "--placement", "partitioned", "--batch-size", "4");
      assertTrue(broadcast.err().contains(cases[k][1]), broadcast.err());
      assertEquals(broadcast.code(), partitioned.code());
      assertEquals(broadcast.err(), partitioned.err());
    }
  }
}
