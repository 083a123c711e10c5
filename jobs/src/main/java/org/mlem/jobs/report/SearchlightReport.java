package org.mlem.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.OutputFiles;

/**
 * The report of a searchlight ({@code OUT/report.html}): a summary (spheres fitted, skipped and
 * failed, radius, stride), the held-out score of every sphere as a {@link SliceMontage} of its
 * centre voxels, and per unit the importance montage shown where the sphere's 95% interval lies
 * above 0 ({@code ci_low > 0}), with the count of such spheres, then the failed spheres.
 *
 * <p>Reads {@code OUT/searchlight.csv} (center, i, j, k, voxels, unit, mean, ci_low, ci_high,
 * score, status, reason: one row per sphere and unit, a failed sphere one row with an empty
 * unit) and {@code OUT/searchlight.json} (shape, affine, radius, stride, min_voxels, spheres,
 * skipped, units) through Hadoop's FileSystem (any URI); no Spark.
 */
public final class SearchlightReport {
  /** Most failed spheres listed in the report's table (all are in searchlight.csv). */
  static final int FAILED_ROWS = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchlightReport() {}

  /**
   * Writes {@code DIR/report.html} atomically.
   *
   * @param conf the Hadoop configuration resolving DIR (any URI)
   * @param dir the searchlight's output directory
   * @return the report's URI
   * @throws InputException if searchlight.csv or searchlight.json is missing or malformed
   */
  public static String write(Configuration conf, String dir) {
    ReportFiles files = new ReportFiles(conf);
    return files.writeReport(dir, html(files, dir));
  }

  /** The grid and settings of searchlight.json. */
  record Grid(int[] shape, double[] affine, String radius, String stride, String minVoxels,
      long spheres, long skipped, List<String> units) {
    /** The stride as a whole number of voxels (1 when it is not one). */
    int strideSteps() {
      try {
        return Math.max(1, Integer.parseInt(stride.trim()));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
  }

  /** One sphere: its centre, voxel count, score, status and reason. */
  private record Sphere(String center, int i, int j, int k, int voxels, double score,
      String status, String reason) {}

  static String html(ReportFiles files, String dir) {
    String jsonUri = ReportFiles.child(dir, OutputFiles.SEARCHLIGHT_JSON);
    Grid grid = grid(jsonUri, files.read(jsonUri, OutputFiles.SEARCHLIGHT_JSON));
    String csv = OutputFiles.csv(OutputFiles.SEARCHLIGHT);
    String csvUri = ReportFiles.child(dir, csv);
    CsvRows rows = CsvRows.parse(csvUri, files.read(csvUri, csv), "center", "i", "j", "k",
        "voxels", "unit", "mean", "ci_low", "ci_high", "score", "status", "reason");
    int nx = grid.shape()[0];
    int ny = grid.shape()[1];
    int nz = grid.shape()[2];
    int size = nx * ny * nz;

    Map<String, Sphere> spheres = new LinkedHashMap<>();
    Set<String> units = new LinkedHashSet<>(grid.units());
    Map<String, float[]> means = new LinkedHashMap<>();
    Map<String, boolean[]> above = new LinkedHashMap<>();
    Map<String, Integer> aboveCount = new LinkedHashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int r = 0; r < rows.size(); r++) {
      String center = rows.text(r, "center");
      int i = index(rows, r, "i", nx);
      int j = index(rows, r, "j", ny);
      int k = index(rows, r, "k", nz);
      spheres.putIfAbsent(center, new Sphere(center, i, j, k,
          (int) rows.number(r, "voxels"), rows.number(r, "score"), rows.text(r, "status"),
          rows.text(r, "reason")));
      String unit = rows.text(r, "unit");
      if (unit.isEmpty()) {
        continue;
      }
      if (!seen.add(center + '\u0000' + unit)) {
        throw new InputException(rows.source() + ": row " + (r + 2) + " repeats sphere "
            + center + " unit '" + unit + "'; one row per sphere and unit is expected (is the "
            + "file the concatenation of two runs?)");
      }
      units.add(unit);
      float[] map = means.computeIfAbsent(unit, u -> nanMap(size));
      boolean[] shown = above.computeIfAbsent(unit, u -> new boolean[size]);
      boolean excludesZero = rows.number(r, "ci_low") > 0;
      put(grid, map, shown, i, j, k, (float) rows.number(r, "mean"), excludesZero);
      if (excludesZero) {
        aboveCount.merge(unit, 1, Integer::sum);
      }
    }
    float[] scores = nanMap(size);
    long failed = 0;
    List<List<Object>> failedRows = new ArrayList<>();
    for (Sphere s : spheres.values()) {
      if (s.status().equals("failed")) {
        failed++;
        if (failedRows.size() < FAILED_ROWS) {
          failedRows.add(List.of(s.center(), (long) s.voxels(), s.reason()));
        }
      } else {
        put(grid, scores, null, s.i(), s.j(), s.k(), (float) s.score(), true);
      }
    }

    HtmlPage page = new HtmlPage("MLEM searchlight report");
    page.paragraph("Output directory " + dir + ": " + spheres.size() + " spheres in "
        + csv + " (" + (spheres.size() - failed) + " fitted, " + failed + " failed); "
        + grid.skipped() + " centres skipped (fewer than " + grid.minVoxels()
        + " voxels in the sphere).");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("spheres", grid.spheres());
    summary.put("skipped", grid.skipped());
    summary.put("failed", failed);
    summary.put("radius", grid.radius());
    summary.put("stride", grid.stride());
    summary.put("min_voxels", grid.minVoxels());
    summary.put("grid", nx + " x " + ny + " x " + nz);
    summary.put("units", String.join(", ", units));
    page.keyValues("summary", "item", summary);
    page.howToRead(List.of("Each sphere (radius " + grid.radius() + ") around a centre voxel "
        + "is one representation set: MLEM is fitted on the voxels inside it, and the centre "
        + "voxel shows the result." + (grid.stride().equals("1") ? " Every voxel with "
        + "enough neighbours is a centre." : " With stride " + grid.stride() + ", one voxel in "
        + grid.stride() + " along each axis is a centre."),
        (grid.strideSteps() > 1 ? "Each centre is drawn as the " + grid.strideSteps() + " x "
            + grid.strideSteps() + " block of voxels from it on (i and j upwards), so that the "
            + "centres tile the slices; only the slices holding centres are drawn. " : "")
            + "Panels are axial slices (k is the slice index, z its world coordinate in mm), i "
            + "increasing to the right and j upwards; light grey marks centres with a value "
            + "that is not shown (below the threshold), white no centre.",
        ReadingNotes.importanceScale().replace(" (the grey line)", "")));

    page.section("score", "Held-out score per sphere");
    page.figure(SliceMontage.svg("fig-score", "Held-out Spearman per sphere",
        "held-out Spearman", grid.shape(), grid.affine(), scores, null,
        "no sphere was fitted"),
        "Held-out Spearman of each fitted sphere, at its centre voxel (" + (spheres.size()
            - failed) + " spheres); failed spheres are left out.");
    page.howToRead(List.of(ReadingNotes.heldOutScore()));

    page.section("importance", "Importance per unit");
    page.paragraph("Each unit's mean importance at the centres of the spheres whose 95% "
        + "interval lies above 0 (ci_low > 0); the other fitted spheres are light grey. The "
        + "threshold is per sphere, without correction for the number of spheres.");
    int figure = 0;
    for (String unit : units) {
      figure++;
      int count = aboveCount.getOrDefault(unit, 0);
      page.subsection("Unit " + unit);
      String countText = count == 0 ? "no sphere's interval excludes 0"
          : count + " of " + (spheres.size() - failed) + " spheres with ci_low > 0";
      float[] map = means.getOrDefault(unit, nanMap(size));
      page.figure(SliceMontage.svg("fig-unit-" + figure, "Importance of " + unit + ": "
          + countText, "mean importance", grid.shape(), grid.affine(), map,
          above.getOrDefault(unit, new boolean[size]), "no sphere's interval excludes 0"),
          "Mean permutation importance of " + unit + " where the sphere's 95% interval "
              + "excludes 0 (" + countText + ").");
    }
    if (units.isEmpty()) {
      page.note("No importance rows in " + csv + "; no unit maps.");
    }

    page.section("failed", "Failed spheres");
    if (failed == 0) {
      page.paragraph("No sphere failed.");
    } else {
      page.table("failed-table", List.of("center", "voxels", "reason"), failedRows);
      if (failed > failedRows.size()) {
        page.paragraph("The first " + failedRows.size() + " of " + failed
            + " failed spheres; all are in " + csv + " (status failed).");
      }
    }
    return page.html();
  }

  /** Parses searchlight.json, naming the file and the field on any problem. */
  static Grid grid(String uri, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new InputException(uri + ": not valid JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(uri + ": expected a JSON object with shape, affine, radius, "
          + "stride, min_voxels, spheres, skipped and units");
    }
    JsonNode shape = root.path("shape");
    if (!shape.isArray() || shape.size() != 3) {
      throw new InputException(uri + ": 'shape' must be an array of 3 positive integers [nx, "
          + "ny, nz], found " + shape);
    }
    int[] s = new int[3];
    for (int d = 0; d < 3; d++) {
      if (!shape.get(d).canConvertToInt() || !shape.get(d).isIntegralNumber()
          || shape.get(d).asInt() < 1) {
        throw new InputException(uri + ": 'shape' must be an array of 3 positive integers [nx,"
            + " ny, nz], found " + shape);
      }
      s[d] = shape.get(d).asInt();
    }
    if ((long) s[0] * s[1] * s[2] > Integer.MAX_VALUE) {
      throw new InputException(uri + ": 'shape' " + shape + " is too large a grid");
    }
    JsonNode affine = root.path("affine");
    if (!affine.isArray() || affine.size() != 12) {
      throw new InputException(uri + ": 'affine' must be 12 numbers (the top 3 rows of the "
          + "voxel-to-world affine, row-major), found " + affine);
    }
    double[] a = new double[12];
    for (int n = 0; n < 12; n++) {
      if (!affine.get(n).isNumber() || !Double.isFinite(affine.get(n).asDouble())) {
        throw new InputException(uri + ": 'affine' entry " + n + " must be a finite number, "
            + "found " + affine.get(n));
      }
      a[n] = affine.get(n).asDouble();
    }
    List<String> units = new ArrayList<>();
    for (JsonNode u : root.path("units")) {
      units.add(u.asText());
    }
    return new Grid(s, a, JsonFiles.text(root.path("radius")), JsonFiles.text(root.path("stride")),
        JsonFiles.text(root.path("min_voxels")), root.path("spheres").asLong(0),
        root.path("skipped").asLong(0), units);
  }

  private static int index(CsvRows rows, int r, String column, int size) {
    double v = rows.number(r, column);
    if (!(v == Math.rint(v) && v >= 0 && v < size)) {
      throw new InputException(rows.source() + ": row " + (r + 2) + " column '" + column
          + "' must be a voxel index in [0, " + size + ") of the grid in "
          + OutputFiles.SEARCHLIGHT_JSON + ", found '" + rows.text(r, column) + "'");
    }
    return (int) v;
  }

  /**
   * Sets a centre's value in a map: with stride s &gt; 1 on the s x s in-plane block of voxels
   * from the centre on (i to i+s-1, j to j+s-1, the centre's slice), so that the centres of a
   * strided searchlight tile the slices; with stride 1 on the centre alone.
   */
  private static void put(Grid grid, float[] map, boolean[] shown, int i, int j, int k,
      float value, boolean show) {
    int nx = grid.shape()[0];
    int ny = grid.shape()[1];
    int s = grid.strideSteps();
    for (int jj = j; jj < Math.min(ny, j + s); jj++) {
      for (int ii = i; ii < Math.min(nx, i + s); ii++) {
        int v = ii + nx * (jj + ny * k);
        if ((ii == i && jj == j) || Float.isNaN(map[v])) {
          map[v] = value;
          if (shown != null) {
            shown[v] = show;
          }
        }
      }
    }
  }

  private static float[] nanMap(int size) {
    float[] m = new float[size];
    java.util.Arrays.fill(m, Float.NaN);
    return m;
  }
}
