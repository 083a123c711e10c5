package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Parses reports with jsoup and checks figures, tables and self-containment. */
public final class ReportAssertions {
  private static final Pattern URL_ATTRIBUTE =
      Pattern.compile("(?i)(src|href|xlink:href|url)\\s*[=(]\\s*[\"']?\\s*(https?:|//|ftp:|data:)");

  private ReportAssertions() {}

  /** Parses a report and checks it refers to nothing outside itself. */
  public static Document selfContained(Path report) throws IOException {
    assertTrue(Files.isRegularFile(report), report + " written");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    Document doc = Jsoup.parse(html);
    assertTrue(doc.select("script").isEmpty(), "no <script>");
    assertTrue(doc.select("link").isEmpty(), "no <link> (stylesheets, fonts, icons)");
    assertTrue(doc.select("img, iframe, object, embed, image, use").isEmpty(),
        "no embedded external content");
    assertFalse(URL_ATTRIBUTE.matcher(html).find(), "no src/href/url to http(s) or //");
    for (Element e : doc.select("[src], [href]")) {
      String target = e.hasAttr("src") ? e.attr("src") : e.attr("href");
      assertFalse(target.startsWith("http") || target.startsWith("//")
          || target.startsWith("/") || target.contains(":"), "relative link: " + target);
    }
    int url = Math.max(html.indexOf("http://"), html.indexOf("https://"));
    assertEquals(-1, url, () -> "no URL at all, found: "
        + html.substring(Math.max(0, url - 80), Math.min(html.length(), url + 80)));
    assertFalse(html.contains("@import"), "no CSS import");
    return doc;
  }

  /** Copies a report to target/report-screenshots/NAME for a look in a browser. */
  static void keep(Path report, String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "report-screenshots"));
    Files.copy(report, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The figure with that id: an inline SVG with at least {@code minShapes} path/rect/line. */
  public static Element figure(Document doc, String id, String cssClass, int minShapes) {
    Element svg = doc.getElementById(id);
    assertNotNull(svg, "figure " + id);
    assertEquals("svg", svg.tagName(), id);
    assertTrue(svg.hasClass(cssClass), id + " has class " + cssClass);
    int shapes = svg.select("path, rect, line, polyline, polygon, circle, ellipse").size();
    assertTrue(shapes >= minShapes, id + ": " + shapes + " shapes, expected >= " + minShapes);
    assertFalse(svg.select("text").isEmpty(), id + " has labels");
    return svg;
  }

  /** The body rows of the table with that id, as cell texts. */
  public static List<List<String>> rows(Document doc, String id) {
    Element table = doc.getElementById(id);
    assertNotNull(table, "table " + id);
    List<List<String>> rows = new ArrayList<>();
    for (Element tr : table.select("tbody tr")) {
      List<String> cells = new ArrayList<>();
      tr.select("td").forEach(td -> cells.add(td.text()));
      rows.add(cells);
    }
    return rows;
  }

  /** The first column of a table's rows. */
  public static List<String> firstColumn(Document doc, String id) {
    return rows(doc, id).stream().map(r -> r.get(0)).toList();
  }

  /** How many times a regex occurs. */
  static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
