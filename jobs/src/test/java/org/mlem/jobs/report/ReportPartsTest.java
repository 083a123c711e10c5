package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.NaturalOrder;

/** The small parts: CSV reading, natural set order, link safety, escaping. */
class ReportPartsTest {
  @Test
  void csvReadsQuotedFieldsAndNamesBadRows() {
    CsvRows rows = CsvRows.parse("t.csv", "set,reason,mean\r\nlayer=3,\"a, \"\"b\"\"\nc\",\n"
        + "layer=4,,0.5\n", "set", "mean");
    assertEquals(2, rows.size());
    assertEquals("a, \"b\"\nc", rows.text(0, "reason"));
    assertEquals(Double.NaN, rows.number(0, "mean"));
    assertEquals(0.5, rows.number(1, "mean"));
    InputException e = assertThrows(InputException.class,
        () -> CsvRows.parse("t.csv", "a,b\n1\n"));
    assertEquals("t.csv: row 2 has 1 fields, expected 2 as in the header [a, b]",
        e.getMessage());
  }

  @Test
  void setsSortNaturally() {
    List<String> sets = new ArrayList<>(List.of("layer=10", "layer=2", "layer=1", "embed",
        "layer=02b"));
    sets.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("embed", "layer=1", "layer=2", "layer=02b", "layer=10"), sets);
  }

  @Test
  void linksStayRelativeAndTextIsEscaped() {
    for (String bad : List.of("http://x/y", "//x/y", "/etc/passwd", "file:/x")) {
      assertThrows(IllegalArgumentException.class, () -> new HtmlPage.Cell("t", bad, null), bad);
    }
    assertEquals("runs/layer%3A1%20a/report.html",
        "runs/" + SweepReport.pathSegment("layer:1 a") + "/report.html");
    assertEquals("&lt;script&gt;&amp;&quot;&#39;", HtmlPage.escape("<script>&\"'"));
  }
}
