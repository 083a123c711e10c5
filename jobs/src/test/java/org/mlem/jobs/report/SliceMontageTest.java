package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The slice montage of a hand-made 4x4x2 map: every expected count and coordinate below is
 * worked out by hand from the map written here.
 */
class SliceMontageTest {
  private static final float N = Float.NaN;

  /**
   * Slice k=0 (rows j=0..3, i=0..3 left to right), then k=1: 11 voxels hold a value in k=0
   * and 5 in k=1, the others are NaN.
   */
  private static final float[] MAP = {
      // k = 0
      N, 0.1f, 0.2f, N,
      0.3f, 0.9f, 0.8f, 0.4f,
      0.5f, 0.7f, 0.6f, 0.1f,
      N, 0.2f, N, N,
      // k = 1
      N, N, N, N,
      N, 0.5f, 0.95f, N,
      N, 0.4f, 0.6f, 0.2f,
      N, N, N, N};

  /** Shown where the value is at least 0.6, and also on two NaN voxels (which stay absent). */
  private static boolean[] threshold() {
    boolean[] shown = new boolean[MAP.length];
    for (int v = 0; v < MAP.length; v++) {
      shown[v] = MAP[v] >= 0.6f;
    }
    shown[0] = true; // NaN
    shown[16] = true; // NaN
    return shown;
  }

  /** 2 x 4 x 3 mm voxels, origin at (-4, -8, -3) mm: slice k has z = 3k - 3. */
  private static final double[] AFFINE = {2, 0, 0, -4, 0, 4, 0, -8, 0, 0, 3, -3};

  private static Document parse(String svg) {
    return Jsoup.parse("<html><body>" + svg + "</body></html>");
  }

  @Test
  void drawsExactlyTheShownCellsWithTheVoxelAspect() {
    String svg = SliceMontage.svg("fig-m", "map <&\"> title", "value <&\">", new int[] {4, 4, 2},
        AFFINE, MAP, threshold(), "nothing shown");
    Document doc = parse(svg);
    Element root = doc.getElementById("fig-m");
    assertTrue(root.hasClass("montage"));
    // k=0: 0.9, 0.8, 0.7, 0.6; k=1: 0.95, 0.6  -> 6 coloured cells, none for the NaN voxels
    assertEquals(6, doc.select("rect.cell").size());
    assertEquals(4, doc.select("g.slice[data-k=0] rect.cell").size());
    assertEquals(2, doc.select("g.slice[data-k=1] rect.cell").size());
    // voxels 2 mm wide and 4 mm tall: every cell twice as tall as wide
    for (Element cell : doc.select("rect.cell")) {
      double w = Double.parseDouble(cell.attr("width"));
      double h = Double.parseDouble(cell.attr("height"));
      assertEquals(2.0, h / w, 0.02, cell.outerHtml());
    }
    // grey: the voxels with a value below 0.6: k=0: 0.1 0.2 0.3 0.4 0.5 0.1 0.2 -> 7;
    // k=1: 0.5 0.4 0.2 -> 3; merged into runs along i, of the same total width
    double cellWidth = Double.parseDouble(doc.select("rect.cell").first().attr("width"));
    double greyWidth = 0;
    for (Element anat : doc.select("rect.anat")) {
      assertEquals(SliceMontage.ANATOMY, anat.attr("fill"));
      greyWidth += Double.parseDouble(anat.attr("width"));
    }
    assertEquals(10, greyWidth / cellWidth, 0.01);
    // runs: k=0: j=0 [0.1 0.2]; j=1 [0.3], [0.4]; j=2 [0.5], [0.1]; j=3 [0.2] -> 6;
    // k=1: j=1 [0.5]; j=2 [0.4], [0.2] -> 3
    assertEquals(9, doc.select("rect.anat").size());
    List<String> texts = doc.select("text").eachText();
    assertTrue(texts.contains("k=0 z=-3 mm"), texts.toString());
    assertTrue(texts.contains("k=1 z=0 mm"), texts.toString());
    assertTrue(texts.contains("map <&\"> title"), texts.toString());
    assertTrue(texts.contains("value <&\">"), texts.toString());
    assertFalse(svg.contains("<&\">"), "escaped");
    assertTrue(svg.contains("map &lt;&amp;&quot;&gt; title"));
    // L on the left: x grows with i
    assertTrue(texts.contains("L") && texts.contains("R"));
    // sequential scale over [0, 0.95]: the largest value is the ramp's dark end
    assertTrue(doc.select("rect.cell").eachAttr("fill").contains("#67000d"));
    assertFalse(texts.contains("nothing shown"));
  }

  @Test
  void anEmptyThresholdSaysSoAndStillDrawsTheAnatomy() {
    String svg = SliceMontage.svg("fig-e", "empty", "v", new int[] {4, 4, 2}, AFFINE, MAP,
        new boolean[MAP.length], "no sphere's interval excludes 0");
    Document doc = parse(svg);
    assertEquals(0, doc.select("rect.cell").size());
    assertTrue(doc.select("text").eachText().contains("no sphere's interval excludes 0"));
    assertTrue(doc.select("rect.legend-step").isEmpty(), "no colour scale without values");
    double cellWidth = Double.parseDouble(doc.select("rect.anat").first().attr("height")) / 2;
    double greyWidth = doc.select("rect.anat").stream()
        .mapToDouble(e -> Double.parseDouble(e.attr("width"))).sum();
    assertEquals(16, greyWidth / cellWidth, 0.01, "every voxel with a value is grey");
  }

  @Test
  void valuesOfBothSignsUseTheDivergingScaleAndManySlicesAreThinned() {
    float[] map = new float[2 * 2 * 50];
    java.util.Arrays.fill(map, Float.NaN);
    for (int k = 0; k < 50; k++) {
      map[4 * k] = k % 2 == 0 ? -1f : 1f;
    }
    map[1] = Float.POSITIVE_INFINITY; // drawn as no value, and not stretching the scale
    String svg = SliceMontage.svg("fig-s", "t", "v", new int[] {2, 2, 50},
        new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, map, null, "none");
    Document doc = parse(svg);
    // 50 slices with values, at most 24 panels: every 3rd slice, k = 0, 3, ..., 48
    assertEquals(17, doc.select("g.slice").size());
    assertEquals("48", doc.select("g.slice").last().attr("data-k"));
    assertEquals(17, doc.select("rect.cell").size(), "one cell per drawn slice");
    assertEquals(0, doc.select("rect.anat").size());
    // symmetric diverging scale: -1 full blue, +1 full red, ticks at 1, 0, -1
    List<String> fills = doc.select("rect.cell").eachAttr("fill");
    assertTrue(fills.contains("#2166ac") && fills.contains("#b2182b"), fills.toString());
    List<String> texts = doc.select("text").eachText();
    assertTrue(texts.containsAll(List.of("1", "0", "-1")), texts.toString());
    assertThrows(IllegalArgumentException.class, () -> SliceMontage.svg("x", "t", "v",
        new int[] {2, 2, 2}, new double[12], new float[7], null, "none"));
  }
}
