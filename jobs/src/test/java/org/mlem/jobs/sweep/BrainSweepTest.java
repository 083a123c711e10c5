package org.mlem.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.io.InputFormat;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.output.SweepFiles;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem sweep} over brain data on local[1]: NIfTI volumes written by nibabel cut by an
 * atlas with a label table (one set per ROI), MEG epochs cut into time windows (one set per
 * window), .npz and .safetensors archives (one set per array); and bad brain input refused with
 * exit code 2, one line naming the file, nothing written.
 */
class BrainSweepTest {
  private static final Path BRAIN = Path.of("../core/src/test/resources/brain");
  private static final Path ARRAYS = Path.of("src/test/resources/arrays");
  private static SparkSession spark;
  private static Path features;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(1, "BrainSweepTest");
    features = SweepFixtures.writeFeatures(tmp.resolve("data/features.csv"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SweepFixtures.Result sweep(String representations, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("sweep", "--features", features.toString(),
        "--representations", representations, "--out", out.toString(), "--master", "local[1]",
        "--seed", "5", "--max-steps", "6", "--patience", "3", "--permutations", "2",
        "--partitions", "1", "--no-report"));
    args.addAll(List.of(more));
    return SweepFixtures.cli(args.toArray(String[]::new));
  }

  /** Set name to status, from OUT/combined.csv. */
  private static Map<String, String> statuses(Path out) throws IOException {
    Map<String, String> status = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(out.resolve("combined.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] row = line.split(",", -1);
      status.put(row[0], row[9]);
    }
    return status;
  }

  private static JsonNode runJson(Path out, String set) throws IOException {
    return new ObjectMapper().readTree(out.resolve("runs").resolve(SweepFiles.runDirName(set))
        .resolve("run.json").toFile());
  }

  @Test
  void anAtlasWithALabelTableGivesOneOkSetPerRoi() throws IOException {
    Path out = tmp.resolve("rois");
    SweepFixtures.Result r = sweep(BRAIN.resolve("e2e_series.nii.gz").toString(), out,
        "--atlas", BRAIN.resolve("atlas.nii.gz").toString(),
        "--atlas-labels", BRAIN.resolve("atlas_labels.tsv").toString());
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("3 sets in "), r.out());
    assertEquals(Map.of("FFA left", "ok", "PPA", "ok", "V1", "ok"), statuses(out));
    assertTrue(Files.exists(out.resolve("runs/FFA~20left/_SUCCESS")));
    // numpy (make_brain_fixtures.py): the unmasked ROIs hold 30, 18 and 8 voxels
    JsonNode v1 = runJson(out, "V1");
    assertEquals(30, v1.at("/counts/dims").asInt(), v1.toString());
    assertEquals("V1", v1.at("/config/roi").asText());
    assertEquals("1", v1.at("/config/roi-label").asText());
    assertEquals(8, runJson(out, "PPA").at("/counts/dims").asInt());
  }

  @Test
  void epochsCutIntoThreeWindowsGiveOneOkSetPerWindow() throws IOException {
    // 40 stimuli x 4 channels x 30 points at 100 Hz from -0.1 s: 0.1 s windows every 0.1 s
    Path npy = tmp.resolve("meg/epochs.npy");
    writeEpochs(npy, 40, 4, 30);
    Path out = tmp.resolve("meg/out");
    SweepFixtures.Result r = sweep(npy.toString(), out, "--sfreq", "100", "--t0", "-0.1",
        "--window", "0.1");
    assertEquals(0, r.code(), r.err() + r.out());
    assertEquals(Map.of("t=-0.100-0.000s", "ok", "t=0.000-0.100s", "ok", "t=0.100-0.200s", "ok"),
        statuses(out));
    JsonNode w = runJson(out, "t=0.000-0.100s");
    assertEquals(40, w.at("/counts/dims").asInt(), "4 channels x 10 points");
    assertEquals("10", w.at("/config/window-first-point").asText());
    JsonNode sweepJson = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    assertTrue(sweepJson.toString().contains("\"window\""), sweepJson.toString());
  }

  @Test
  void archivesGiveOneSetPerArrayOrTensor() throws IOException {
    Path out = tmp.resolve("npz");
    SweepFixtures.Result r = sweep(ARRAYS.resolve("e2e_layers.npz").toString(), out);
    assertEquals(0, r.code(), r.err() + r.out());
    assertEquals(Map.of("layer_a", "ok", "layer_b", "ok"), statuses(out));
    assertEquals(6, runJson(out, "layer_b").at("/counts/dims").asInt(), "2 x 3 flattened");
    String st = ARRAYS.resolve("e2e_layers.safetensors").toString();
    List<RepresentationSet> sets = RepresentationSets.discover(spark,
        new RepresentationInput(st, InputFormat.AUTO, null, null, null, null), "layer");
    assertEquals(List.of("layer_a", "layer_b"), sets.stream().map(RepresentationSet::name)
        .toList());
    assertEquals("layer_b", sets.get(1).input().hdf5Dataset());
  }

  @Test
  void aGlobOfThreeDimensionalFilesIsReadInNaturalOrder() {
    // vol_1 .. vol_40 hold volumes 0 .. 39 of e2e_series: the same ROI matrices
    Configuration conf = new Configuration();
    BrainInputs brain = new BrainInputs(BRAIN.resolve("mask.nii.gz").toString(),
        BRAIN.resolve("atlas.nii.gz").toString(), null, null, null, 0.0, null, null);
    List<RepresentationSet> glob = VolumeSets.discover(conf, new RepresentationInput(
        BRAIN.resolve("e2e_volumes").toString() + "/vol_*.nii.gz", InputFormat.AUTO, null, null,
        null, null), brain);
    List<RepresentationSet> series = VolumeSets.discover(conf, new RepresentationInput(
        BRAIN.resolve("e2e_series.nii.gz").toString(), InputFormat.AUTO, null, null, null, null),
        brain);
    assertEquals(List.of("label=1", "label=2", "label=3"),
        glob.stream().map(RepresentationSet::name).toList());
    for (int s = 0; s < 3; s++) {
      assertEquals(java.util.Arrays.toString(series.get(s).cut().values().get().values()),
          java.util.Arrays.toString(glob.get(s).cut().values().get().values()));
    }
    // the mask keeps i >= 1: label 1 (i in 0..1) keeps 12 of its 30 voxels
    assertEquals(12, glob.get(0).cut().values().get().columns());
  }

  @Test
  void hdf5EpochsWithATimesFileGiveTheSameWindowsAsTheSamplingRate() throws IOException {
    Configuration conf = new Configuration();
    Path h5 = tmp.resolve("h5/epochs.h5");
    Files.createDirectories(h5.getParent());
    double[][][] epochs = new double[40][3][20];
    for (int s = 0; s < 40; s++) {
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < 20; p++) {
          epochs[s][c][p] = 100 * s + 10 * c + p;
        }
      }
    }
    try (io.jhdf.WritableHdfFile file = io.jhdf.HdfFile.write(h5)) {
      file.putDataset("meg", epochs);
    }
    StringBuilder times = new StringBuilder("time\n");
    for (int p = 0; p < 20; p++) {
      times.append(-0.05 + p * 0.01).append('\n');
    }
    Path timesCsv = Files.writeString(tmp.resolve("h5/times.csv"), times.toString());
    RepresentationInput input = new RepresentationInput(h5.toString(), InputFormat.AUTO, null,
        null, null, "/meg");
    List<RepresentationSet> byFile = WindowSets.discover(conf, input, new BrainInputs(null,
        null, null, timesCsv.toString(), null, 0.0, 0.05, 0.05));
    List<RepresentationSet> byRate = WindowSets.discover(conf, input, new BrainInputs(null,
        null, null, null, 100.0, -0.05, 0.05, null));
    List<String> names = List.of("t=-0.050-0.000s", "t=0.000-0.050s", "t=0.050-0.100s",
        "t=0.100-0.150s");
    assertEquals(names, byFile.stream().map(RepresentationSet::name).toList());
    assertEquals(names, byRate.stream().map(RepresentationSet::name).toList());
    // window 2 (points 10..14) of stimulus 1: channel-major 110..114, 120..124, 130..134
    org.mlem.jobs.io.NumericArray w = byFile.get(2).cut().values().get();
    assertEquals(15, w.columns());
    assertEquals(110.0, w.values()[15]);
    assertEquals(124.0, w.values()[15 + 9]);
    assertEquals(134.0, w.values()[15 + 14]);
  }

  @Test
  void anIdsFileMustHoldOneIdPerVolume() throws IOException {
    Path out = tmp.resolve("ids/out");
    Path ids = tmp.resolve("ids/ids.txt");
    Files.createDirectories(ids.getParent());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 39; i++) {
      text.append("s").append(i).append('\n');
    }
    Files.writeString(ids, text);
    String series = BRAIN.resolve("e2e_series.nii.gz").toString();
    assertRefused(sweep(series, out, "--atlas", BRAIN.resolve("atlas.nii.gz").toString(),
        "--ids", ids.toString()), out, series + ": 40 volumes (stimuli) but the ids file " + ids
        + " has 39 ids;", "in order");
  }

  @Test
  void roiSetsHoldNibabelsVoxelValuesAndAMaskAloneIsOneSet() throws IOException {
    Configuration conf = new Configuration();
    RepresentationInput series = new RepresentationInput(
        BRAIN.resolve("series_n1_int16.nii.gz").toString(), InputFormat.AUTO, null, null, null,
        null);
    String mask = BRAIN.resolve("mask.nii.gz").toString();
    List<RepresentationSet> rois = VolumeSets.discover(conf, series, new BrainInputs(mask,
        BRAIN.resolve("atlas.nii.gz").toString(),
        BRAIN.resolve("atlas_labels.tsv").toString(), null, null, 0.0, null, null));
    assertEquals(List.of("V1", "FFA left", "PPA"),
        rois.stream().map(RepresentationSet::name).toList());
    // V1 inside the mask: flat voxels 5, 9, 13, ... (make_brain_fixtures.py); voxel (1, 2, 0)
    // is flat 9, column 1; nibabel's get_fdata values of volumes 0, 3 and 5 there, as float32
    org.mlem.jobs.io.NumericArray v1 = rois.get(0).cut().values().get();
    assertEquals(12, v1.columns());
    JsonNode expected = new ObjectMapper().readTree(BRAIN.resolve("expected.json").toFile());
    int checked = 0;
    for (JsonNode v : expected.at("/images/0/voxels")) {
      if (v.get("i").asInt() == 1 && v.get("j").asInt() == 2 && v.get("k").asInt() == 0) {
        int t = v.get("t").asInt();
        assertEquals((float) v.get("value").asDouble(), (float) v1.values()[t * 12 + 1], 0f);
        checked++;
      }
    }
    assertEquals(3, checked);
    List<RepresentationSet> masked = VolumeSets.discover(conf, series, new BrainInputs(mask,
        null, null, null, null, 0.0, null, null));
    assertEquals(List.of("mask"), masked.stream().map(RepresentationSet::name).toList());
    assertEquals(expected.get("mask_voxels").size(),
        masked.get(0).cut().values().get().columns());
  }

  private static void assertRefused(SweepFixtures.Result r, Path out, String start,
      String end) {
    assertEquals(2, r.code(), r.err() + r.out());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("mlem: " + start), err);
    assertTrue(err.endsWith(end), err);
    assertFalse(Files.exists(out), "nothing written at " + out);
  }

  @Test
  void badBrainInputIsRefusedWithOneLineAndNothingWritten() throws IOException {
    String atlas = BRAIN.resolve("atlas.nii.gz").toString();
    String series = BRAIN.resolve("series_n1_int16.nii.gz").toString();
    Path out = tmp.resolve("bad/out");
    String nan = BRAIN.resolve("bad_nan_series.nii.gz").toString();
    assertRefused(sweep(nan, out, "--atlas", atlas), out, nan + ": 2 selected voxels have NaN"
        + " or infinite values (in 3 of 4 volumes): (1, 1, 0), (2, 3, 1);",
        "exclude them with the mask or clean the volumes");
    String mask = BRAIN.resolve("bad_mask_shape.nii.gz").toString();
    assertRefused(sweep(series, out, "--mask", mask), out, mask + ": the mask has shape"
        + " (4, 5, 4) but the volumes (" + series + ") have (4, 5, 3);", "volumes' grid");
    String noPpa = BRAIN.resolve("bad_mask_without_ppa.nii.gz").toString();
    assertRefused(sweep(series, out, "--atlas", atlas, "--mask", noPpa, "--atlas-labels",
        BRAIN.resolve("atlas_labels.tsv").toString()), out, atlas + ": ROI 'PPA' (label 3, 8"
        + " voxels) is empty inside the mask " + noPpa, "no voxel of it is in the mask");
    String complex = BRAIN.resolve("bad_complex64.nii").toString();
    assertRefused(sweep(complex, out, "--atlas", atlas), out, complex + ": NIfTI datatype 32"
        + " (complex64) is not supported;", "img.set_data_dtype(numpy.float32)");
    String otherGrid = BRAIN.resolve("series_n1_float32_qform.nii").toString();
    assertRefused(sweep(otherGrid, out, "--atlas", atlas), out, atlas + ": the atlas's affine",
        "they are not on the same grid: resample the atlas to the volumes");
    byte[] whole;
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(
        Files.newInputStream(BRAIN.resolve("series_n1_int16.nii.gz")))) {
      whole = in.readAllBytes();
    }
    // vox_offset 352, then 6 volumes of 60 int16 voxels (120 bytes): cut inside volume 2
    Path cut = tmp.resolve("bad/cut.nii");
    Files.createDirectories(cut.getParent());
    Files.write(cut, java.util.Arrays.copyOf(whole, 352 + 2 * 120 + 50));
    assertRefused(sweep(cut.toString(), out, "--atlas", atlas), out, cut + ": the file ends"
        + " inside volume 2 of 6", "the file is truncated, copy it again");
    assertRefused(sweep(series, out, "--atlas", atlas), out, series + ": 6 stimuli (volumes or"
        + " epochs) but the features (" + features + ") have 40;", "(one id per stimulus)");
    Path epochs = tmp.resolve("bad/epochs.npy");
    writeEpochs(epochs, 40, 2, 10);
    Path times = Files.writeString(tmp.resolve("bad/times.csv"), "time\n0\n0.01\n0.02\n");
    assertRefused(sweep(epochs.toString(), out, "--times", times.toString(), "--window",
        "0.02"), out, times + ": 3 time points but the epochs (" + epochs + ", shape"
        + " (40, 2, 10)) have 10 along their last axis;", "give one time per point");
  }

  @Test
  void brainOptionsThatDoNotBelongTogetherAreUsageErrors() {
    Path out = tmp.resolve("usage/out");
    String series = BRAIN.resolve("series_n1_int16.nii.gz").toString();
    assertRefused(sweep(series, out, "--atlas-labels", "x.tsv"), out, "--atlas-labels x.tsv"
        + " names the ROIs of an atlas;", "give the atlas with --atlas");
    assertRefused(sweep(series, out, "--window", "0.1"), out, "--window needs the epochs' time"
        + " points:", "(with --t0)");
    assertRefused(sweep(series, out, "--window", "0.1", "--sfreq", "100", "--atlas", "a.nii"),
        out, "--window cuts epochs", "give one of them");
    assertRefused(sweep(series, out, "--stride", "0.1"), out, "--stride 0.1 is for time"
        + " windows;", "--window");
    assertRefused(sweep(series, out, "--window", "-1", "--sfreq", "100"), out, "--window",
        "found -1.0");
  }

  /** A float64 C-order .npy of epochs: value = sin(stimulus * 0.37 + channel) * (1 + point). */
  static void writeEpochs(Path file, int stimuli, int channels, int points) throws IOException {
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + stimuli + ", "
        + channels + ", " + points + "), }";
    int pad = (64 - (10 + header.length() + 1) % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    int n = stimuli * channels * points;
    ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + n * 8)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    float[] reps = SweepFixtures.layer(1).representations();
    int dims = SweepFixtures.DIMS;
    for (int s = 0; s < stimuli; s++) {
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < points; p++) {
          buf.putDouble(reps[(s % SweepFixtures.STIMULI) * dims + c % dims] * (1 + 0.1 * p)
              + 0.01 * Math.sin(s * 0.37 + c + p));
        }
      }
    }
    Files.createDirectories(file.getParent());
    Files.write(file, buf.array());
  }
}
