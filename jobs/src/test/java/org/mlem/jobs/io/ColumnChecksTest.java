package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column names checked from a local CSV header before Spark starts, with the Spark-side reader's
 * message (the same text InputErrorsTest expects from {@link InputLoader}); anything uncertain
 * is left to Spark (null). No Spark here.
 */
class ColumnChecksTest {
  private static final Configuration CONF = new Configuration();
  @TempDir Path tmp;

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  private static FeatureInput features(Path file, String id, List<String> columns) {
    return new FeatureInput(file.toString(), InputFormat.AUTO, id, columns, Map.of(), 0);
  }

  private static RepresentationInput reps(Path file, String vector) {
    return new RepresentationInput(file.toString(), InputFormat.AUTO, "id", vector, null, null);
  }

  @Test
  void missingColumnsAreReportedWithTheAvailableOnes() throws IOException {
    Path f = csv("features.csv", "id,kind,size\r\na,x,1\r\n");
    Path r = csv("reps.csv", "id,d0,d1\na,1,2\n");
    ColumnChecks.check(CONF, features(f, "id", List.of("size")), reps(r, null));
    assertEquals(f + ": id column 'stimulus' not found; available columns: id, kind, size; name"
        + " one of them (column names are case-sensitive)", assertThrows(InputException.class,
            () -> ColumnChecks.check(CONF, features(f, "stimulus", List.of()), reps(r, null)))
        .getMessage());
    assertEquals(f + ": feature column 'Size' not found; available columns: id, kind, size;"
        + " name one of them (column names are case-sensitive)", assertThrows(
            InputException.class, () -> ColumnChecks.check(CONF,
                features(f, "id", List.of("kind", "Size")), reps(r, null))).getMessage());
    assertEquals(r + ": vector column 'vec' not found; available columns: id, d0, d1; name one"
        + " of them (column names are case-sensitive)", assertThrows(InputException.class,
            () -> ColumnChecks.check(CONF, features(f, "id", List.of()), reps(r, "vec")))
        .getMessage());
  }

  @Test
  void uncertainHeadersAreLeftToSpark() throws IOException {
    assertNull(ColumnChecks.columns(CONF, csv("q.csv", "\"id\",a\n").toString(),
        InputFormat.AUTO, "features"));
    assertNull(ColumnChecks.columns(CONF, csv("dup.csv", "id,a,a\n").toString(),
        InputFormat.AUTO, "features"));
    assertNull(ColumnChecks.columns(CONF, csv("empty.csv", "id,,b\n").toString(),
        InputFormat.AUTO, "features"));
    assertNull(ColumnChecks.columns(CONF, csv("bom.csv", "\uFEFFid,a\n").toString(),
        InputFormat.AUTO, "features"));
    assertNull(ColumnChecks.columns(CONF, csv("space.csv", "id, a\n").toString(),
        InputFormat.AUTO, "features"));
    assertEquals(List.of("id", "a"), ColumnChecks.columns(CONF,
        csv("plain.csv", "id,a\n").toString(), InputFormat.AUTO, "features"));
  }
}
