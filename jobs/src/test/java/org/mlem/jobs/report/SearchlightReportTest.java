package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.io.InputException;

/**
 * A searchlight directory written by hand (a 3x3x2 grid, five spheres of which one failed, units
 * a, b and one named {@code x<&">y}) gets a report whose counts and coloured cells are the ones
 * worked out here from the rows.
 */
class SearchlightReportTest {
  @TempDir Path tmp;

  private static final String HEADER =
      "center,i,j,k,voxels,unit,mean,ci_low,ci_high,score,status,reason\n";

  /** Spheres at (0,0,0), (1,1,0), (2,1,0), (1,1,1) fitted; (2,2,1) failed. */
  private static final String ROWS = ""
      // a: ci_low > 0 at 0-0-0, 1-1-0, 1-1-1 (3 spheres); b: at 2-1-0 only; x<&">y: nowhere
      + "0-0-0,0,0,0,12,a,0.2,0.1,0.3,0.5,ok,\n"
      + "0-0-0,0,0,0,12,b,0.05,-0.01,0.1,0.5,ok,\n"
      + "0-0-0,0,0,0,12,\"x<&\"\">y\",0.01,-0.02,0.03,0.5,ok,\n"
      + "1-1-0,1,1,0,19,a,0.3,0.2,0.4,0.6,ok,\n"
      + "1-1-0,1,1,0,19,b,0.0,-0.1,0.1,0.6,ok,\n"
      + "1-1-0,1,1,0,19,\"x<&\"\">y\",0.0,-0.1,0.1,0.6,ok,\n"
      + "2-1-0,2,1,0,15,a,0.1,0,0.2,-0.1,ok,\n"
      + "2-1-0,2,1,0,15,b,0.4,0.3,0.5,-0.1,ok,\n"
      + "2-1-0,2,1,0,15,\"x<&\"\">y\",0.0,-0.1,0.1,-0.1,ok,\n"
      + "1-1-1,1,1,1,19,a,0.25,0.05,0.45,0.4,ok,\n"
      + "1-1-1,1,1,1,19,b,-0.1,-0.2,0.0,0.4,ok,\n"
      + "1-1-1,1,1,1,19,\"x<&\"\">y\",0.0,-0.1,0.1,0.4,ok,\n"
      + "2-2-1,2,2,1,11,,,,,,failed,\"constant representations <&>\"\n";

  private static final String JSON = "{\"shape\":[3,3,2],\"affine\":[3,0,0,-3,0,3,0,-3,0,0,3,"
      + "10],\"radius\":\"6mm\",\"stride\":1,\"min_voxels\":10,\"spheres\":5,\"skipped\":13,"
      + "\"units\":[\"a\",\"b\",\"x<&\\\">y\"]}";

  private Path searchlight(String name, String rows, String json) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("searchlight.csv"), HEADER + rows);
    Files.writeString(dir.resolve("searchlight.json"), json);
    return dir;
  }

  @Test
  void reportShowsCountsScoreMapAndThresholdedUnitMaps() throws IOException {
    Path dir = searchlight("sl", ROWS, JSON);
    String uri = SearchlightReport.write(new Configuration(), dir.toString());
    assertTrue(uri.endsWith("report.html"), uri);
    Document doc = ReportAssertions.selfContained(dir.resolve("report.html"));
    ReportAssertions.keep(dir.resolve("report.html"), "searchlight-report.html");
    List<List<String>> summary = ReportAssertions.rows(doc, "summary");
    assertEquals(List.of("spheres", "5"), summary.get(0));
    assertEquals(List.of("skipped", "13"), summary.get(1));
    assertEquals(List.of("failed", "1"), summary.get(2));
    assertEquals(List.of("radius", "6mm"), summary.get(3));
    assertEquals(List.of("units", "a, b, x<&\">y"), summary.get(7));

    // the score map: the 4 fitted spheres in colour, the failed one absent, no grey
    Element score = doc.getElementById("fig-score");
    assertEquals(4, score.select("rect.cell").size());
    assertEquals(0, score.select("rect.anat").size());
    assertTrue(score.select("text").eachText().contains("k=1 z=13 mm"),
        score.select("text").eachText().toString());

    Element a = doc.getElementById("fig-unit-1");
    assertEquals(3, a.select("rect.cell").size());
    assertEquals(1, a.select("rect.anat").size(), "2-1-0: ci_low = 0 does not exclude 0");
    assertTrue(a.select("text").eachText().contains(
        "Importance of a: 3 of 4 spheres with ci_low > 0"), a.select("text").eachText()
        .toString());
    Element b = doc.getElementById("fig-unit-2");
    assertEquals(1, b.select("rect.cell").size());
    Element x = doc.getElementById("fig-unit-3");
    assertEquals(0, x.select("rect.cell").size());
    assertTrue(x.select("text").eachText().contains("no sphere's interval excludes 0"));
    assertTrue(doc.select("h3").eachText().contains("Unit x<&\">y"), doc.select("h3").text());
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("x<&\">y"), "unit name escaped everywhere");

    assertEquals(List.of(List.of("2-2-1", "11", "constant representations <&>")),
        ReportAssertions.rows(doc, "failed-table"));
    assertTrue(doc.select(".howto").text().contains("radius 6mm"));
  }

  @Test
  void stridedCentresTileTheirSlices() throws IOException {
    // stride 2 on a 4x4x3 grid: centres at i, j, k in {0, 2}; two fitted in slice k=0, one in
    // k=2, none in k=1
    String rows = "0-0-0,0,0,0,12,a,0.2,0.1,0.3,0.5,ok,\n"
        + "2-2-0,2,2,0,12,a,0.2,-0.1,0.3,0.4,ok,\n"
        + "2-0-2,2,0,2,12,a,0.2,0.1,0.3,0.3,ok,\n";
    Path dir = searchlight("sl-stride", rows, "{\"shape\":[4,4,3],\"affine\":[2,0,0,0,0,2,0,"
        + "0,0,0,2,0],\"radius\":\"4mm\",\"stride\":2,\"min_voxels\":10,\"spheres\":3,"
        + "\"skipped\":5,\"units\":[\"a\"]}");
    ReportKind kind = ReportKind.detect(new ReportFiles(new Configuration()), dir.toString());
    assertEquals(ReportKind.SEARCHLIGHT, kind, "mlem report DIR finds the searchlight");
    Reports.write(null, new Configuration(), dir.toString(), kind, null);
    Document doc = ReportAssertions.selfContained(dir.resolve("report.html"));
    Element score = doc.getElementById("fig-score");
    // each centre a 2 x 2 block: 3 centres, 12 cells; slice k=1 (no centre) not drawn
    assertEquals(12, score.select("rect.cell").size());
    assertEquals(List.of("0", "2"), score.select("g.slice").eachAttr("data-k"));
    Element a = doc.getElementById("fig-unit-1");
    assertEquals(8, a.select("rect.cell").size(), "two centres with ci_low > 0");
    assertTrue(a.select("text").eachText().contains(
        "Importance of a: 2 of 3 spheres with ci_low > 0"), a.select("text").text());
    assertTrue(doc.select(".howto").text().contains("2 x 2 block"));
  }

  @Test
  void badFilesAreNamed() throws IOException {
    Path outside = searchlight("sl-outside", "3-0-0,3,0,0,12,a,0.2,0.1,0.3,0.5,ok,\n",
        JSON);
    InputException e = assertThrows(InputException.class,
        () -> SearchlightReport.write(new Configuration(), outside.toString()));
    assertEquals(outside.resolve("searchlight.csv") + ": row 2 column 'i' must be a voxel index in [0, 3) of the grid in "
        + "searchlight.json, found '3'", e.getMessage());
    Path twice = searchlight("sl-twice", "0-0-0,0,0,0,12,a,0.2,0.1,0.3,0.5,ok,\n"
        + "0-0-0,0,0,0,12,a,0.2,0.1,0.3,0.5,ok,\n", JSON);
    e = assertThrows(InputException.class,
        () -> SearchlightReport.write(new Configuration(), twice.toString()));
    assertTrue(e.getMessage().startsWith(twice.resolve("searchlight.csv") + ": row 3 repeats "
        + "sphere 0-0-0 unit 'a'"), e.getMessage());
    Path badShape = searchlight("sl-shape", ROWS, JSON.replace("[3,3,2]", "[3,3]"));
    e = assertThrows(InputException.class,
        () -> SearchlightReport.write(new Configuration(), badShape.toString()));
    assertTrue(e.getMessage().contains("searchlight.json: 'shape' must be an array of 3 "
        + "positive integers"), e.getMessage());
    Path missing = Files.createDirectories(tmp.resolve("sl-missing"));
    e = assertThrows(InputException.class,
        () -> SearchlightReport.write(new Configuration(), missing.toString()));
    assertTrue(e.getMessage().startsWith("searchlight.json not found"), e.getMessage());
    assertFalse(Files.exists(missing.resolve("report.html")), "nothing written");
  }
}
