package org.mlem.jobs.searchlight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.brain.Affine;
import org.mlem.core.brain.NiftiReader;
import org.mlem.core.brain.NiftiVolume;
import org.mlem.core.brain.NiftiWriter;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.sweep.SetSeeds;

/**
 * {@code mlem searchlight} end to end on a small generated series (40 stimuli on a 4 x 4 x 3 grid
 * of 2 mm voxels, every voxel a random mix of the simulated representation plus noise): the long
 * table has one row per sphere and unit, the maps hold each sphere's value at its centre and NaN
 * elsewhere, a sphere refitted alone with {@code mlem fit} on its voxels gives the table's
 * numbers exactly, a resumed run gives the same table, changed settings are refused, and bad
 * input writes nothing.
 */
class SearchlightJobTest {
  private static final int[] SHAPE = {4, 4, 3};
  private static final Affine AFFINE = SearchlightFixtures.AFFINE;
  private static final int N = SearchlightFixtures.STIMULI;

  @TempDir static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    SearchlightFixtures.write(data, SHAPE);
    NiftiWriter.write(data.resolve("other-grid.nii.gz"), new int[] {4, 4, 2}, AFFINE,
        new float[32], "wrong grid");
  }

  private record Run(int code, String out, String err) {}

  private static Run searchlight(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("searchlight", "--features",
        data.resolve("features.csv").toString(), "--representations",
        data.resolve("betas.nii.gz").toString(), "--mask", data.resolve("mask.nii.gz")
            .toString(), "--out", out.toString(), "--min-voxels", "4",
        "--master", "local[2]", "--seed", "9", "--permutations", "2", "--max-steps", "60",
        "--no-report"));
    args.addAll(List.of(more));
    if (!args.contains("--radius")) {
      args.addAll(List.of("--radius", "2mm"));
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  private static List<String[]> csv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }

  private static NiftiVolume map(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return NiftiReader.readVolume(in, file.toString());
    }
  }

  @Test
  void everySphereIsARowSetTheMapsHoldTheCentresAndOneSphereRefitsAloneExactly()
      throws IOException {
    Path out = data.resolve("sl");
    Run r = searchlight(out);
    assertEquals(0, r.code(), r.out() + r.err());
    // 47 in-mask voxels; radius 2 mm = 1 voxel: 7 voxels inside, 4 at a corner, and (1,0,0)
    // next to the hole (0,0,0) keeps itself, (2,0,0), (1,1,0), (1,0,1): every sphere has >= 4
    List<String[]> rows = csv(out.resolve("searchlight.csv"));
    assertEquals(List.of("center", "i", "j", "k", "voxels", "unit", "mean", "ci_low", "ci_high",
        "score", "status", "reason"), List.of(rows.get(0)));
    List<String> centers = rows.stream().skip(1).map(f -> f[0]).distinct().toList();
    List<String> units = rows.stream().skip(1).map(f -> f[5]).distinct().toList();
    assertEquals(47, centers.size(), r.out());
    assertFalse(centers.contains("0-0-0"), "the hole in the mask is no centre");
    assertEquals(centers.size() * units.size(), rows.size() - 1);
    assertTrue(units.containsAll(List.of("f0", "f1", "f2")), units.toString());
    assertTrue(r.out().contains("47/47 spheres (100%)"), r.out());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));

    // the interior sphere 1-1-1 has 7 voxels; the corner 3-3-2 has 4
    String[] interior = rows.stream().filter(f -> f[0].equals("1-1-1")).findFirst()
        .orElseThrow();
    assertEquals("7", interior[4]);
    assertEquals("4", rows.stream().filter(f -> f[0].equals("3-3-2")).findFirst()
        .orElseThrow()[4]);

    NiftiVolume score = map(out.resolve("maps/score.nii.gz"));
    assertTrue(score.affine().closeTo(AFFINE, 1e-6));
    assertEquals((float) Double.parseDouble(interior[9]), (float) score.value(1, 1, 1));
    assertTrue(Double.isNaN(score.value(0, 0, 0)), "no sphere at the hole");
    NiftiVolume f0 = map(out.resolve("maps/importance_f0.nii.gz"));
    String[] f0row = rows.stream().filter(f -> f[0].equals("1-1-1") && f[5].equals("f0"))
        .findFirst().orElseThrow();
    assertEquals((float) Double.parseDouble(f0row[6]), (float) f0.value(1, 1, 1));
    assertTrue(Files.exists(out.resolve("maps/ci_low_f0~3Af1.nii.gz"))
        || units.stream().noneMatch(u -> u.equals("f0:f1")), units.toString());

    // sphere 1-1-1 alone: its 7 voxels as an .npy, its seed and the shared batch size
    int batch = Integer.parseInt(Files.readString(out.resolve("batch_size.json"))
        .replaceAll("(?s).*\"batch_size\"\\s*:\\s*(\\d+).*", "$1"));
    long seed = SetSeeds.seedOf(9, "1-1-1");
    Path npy = data.resolve("sphere.npy");
    writeSphereNpy(npy, new int[][] {{1, 1, 1}, {0, 1, 1}, {2, 1, 1}, {1, 0, 1}, {1, 2, 1},
        {1, 1, 0}, {1, 1, 2}});
    Path run = data.resolve("sphere-run");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(o, true, StandardCharsets.UTF_8), "fit", "--features",
        data.resolve("features.csv").toString(), "--representations", npy.toString(), "--out",
        run.toString(), "--engine", "in-process", "--seed", Long.toString(seed),
        "--batch-size", Integer.toString(batch), "--permutations", "2", "--max-steps", "60",
        "--no-report", "--quiet");
    assertEquals(0, code, o.toString(StandardCharsets.UTF_8));
    List<String[]> alone = csv(run.resolve("importance_summary.csv"));
    List<String> header = List.of(alone.get(0));
    for (String[] a : alone.subList(1, alone.size())) {
      String unit = a[header.indexOf("unit")];
      String[] mine = rows.stream().filter(f -> f[0].equals("1-1-1") && f[5].equals(unit))
          .findFirst().orElseThrow();
      assertEquals(Double.parseDouble(a[header.indexOf("mean")]), Double.parseDouble(mine[6]),
          0.0, unit);
      assertEquals(Double.parseDouble(a[header.indexOf("ci_low")]),
          Double.parseDouble(mine[7]), 0.0, unit);
    }
  }

  /** Stimuli x the voxels (in ascending flat order, as the searchlight's columns) as .npy. */
  private static void writeSphereNpy(Path file, int[][] ijk) throws IOException {
    NiftiVolume[] volumes = new NiftiVolume[N];
    List<Integer> flats = new ArrayList<>();
    for (int[] v : ijk) {
      flats.add(NiftiVolume.flat(SHAPE, v[0], v[1], v[2]));
    }
    flats.sort(Comparator.naturalOrder());
    double[] values = new double[N * flats.size()];
    try (InputStream in = new GZIPInputStream(Files.newInputStream(data.resolve("betas.nii.gz")));
        NiftiReader reader = NiftiReader.open(in, "betas")) {
      for (int s = 0; s < N; s++) {
        double[] vol = reader.nextVolume();
        for (int c = 0; c < flats.size(); c++) {
          values[s * flats.size() + c] = vol[flats.get(c)];
        }
      }
    }
    assertEquals(N, volumes.length);
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + N + ", "
        + flats.size() + "), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10 + header.length()
        + values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    for (double v : values) {
      buf.putDouble(v);
    }
    Files.write(file, buf.array());
  }

  @Test
  void aRerunResumesTheMissingWavesToTheSameTable() throws IOException {
    Path out = data.resolve("resume");
    Run first = searchlight(out, "--center-stride", "1");
    assertEquals(0, first.code(), first.err());
    String table = Files.readString(out.resolve("searchlight.csv"));
    Path waves = out.resolve("searchlight.parquet");
    List<Path> parts;
    try (Stream<Path> s = Files.list(waves)) {
      parts = s.filter(p -> p.getFileName().toString().startsWith("wave=")).sorted().toList();
    }
    assertTrue(parts.size() >= 2, parts.toString());
    deleteTree(parts.get(parts.size() - 1));
    Files.delete(out.resolve("searchlight.csv"));
    Run again = searchlight(out);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("spheres complete from an earlier attempt (resumed)"),
        again.out());
    assertEquals(table, Files.readString(out.resolve("searchlight.csv")));

    Run changed = searchlight(out, "--radius", "3mm");
    assertEquals(2, changed.code(), changed.out());
    assertTrue(changed.err().contains("with other settings (radius 2.0mm -> 3.0mm"),
        changed.err());
  }

  @Test
  void aMaskOffTheVolumesGridIsRefusedAndNothingIsWritten() {
    Path out = data.resolve("bad");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), "searchlight", "--features",
        data.resolve("features.csv").toString(), "--representations",
        data.resolve("betas.nii.gz").toString(), "--mask",
        data.resolve("other-grid.nii.gz").toString(), "--out", out.toString(), "--master",
        "local[1]");
    String err = e.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, err);
    assertTrue(err.startsWith("mlem: ") && err.contains("other-grid.nii.gz"), err);
    assertEquals(1, err.strip().lines().count(), err);
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aMissingMaskIsAUsageError() {
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
        "searchlight", "--features", "f.csv", "--representations", "b.nii", "--out", "o");
    assertEquals(2, code);
    assertTrue(e.toString(StandardCharsets.UTF_8).contains("--mask"), e.toString());
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
