package org.mlem.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.brain.Affine;
import org.mlem.core.brain.Mask;
import org.mlem.core.brain.NiftiWriter;
import org.mlem.core.brain.Searchlight;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.jobs.tasks.SmallFit;
import org.mlem.jobs.tasks.SmallFits;

/**
 * The searchlight benchmark ({@code mlem bench --searchlight N}): a generated series on a cube
 * of about N voxels (every voxel a centre, full mask, radius 3 voxels: 123 voxels inside, fewer
 * at the faces), stimuli with 6 simulated features, MLEM with interactions; it times K spheres
 * fitted one after the other in this JVM on one thread ({@link SmallFits#fitOne}, what
 * {@code mlem fit --engine in-process} computes; after a warm-up), then the whole
 * {@code mlem searchlight} on the given master, and prints spheres per second and the core
 * time per sphere (the fits' wall time x task slots / spheres) against the in-process time per
 * fit. Voxel v of stimulus s is {@code sum_d g(v, d) x_sd + 0.5 e(v, s)} with g and e standard
 * normal, fixed by position, and x the simulated representation.
 */
final class SearchlightBenchmark {
  private static final int FEATURES = 6;
  private static final int DIMS = 8;
  private static final double RADIUS_VOXELS = 3;
  private static final int TIMED_ALONE = 20;

  private SearchlightBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param spheres about how many spheres (the cube's voxels)
   * @param slots the master's task slots (e.g. 2 for local[2])
   */
  static void run(PrintWriter out, String master, int slots, int spheres, int stimuli,
      int permutations, long seed, Path work) throws IOException {
    int side = (int) Math.ceil(Math.cbrt(spheres));
    int[] shape = {side, side, side};
    int voxels = side * side * side;
    SyntheticDataset data = SimulationStudy.generate(stimuli, FEATURES, DIMS, 0.5, seed);
    float[] series = new float[stimuli * voxels];
    float[] matrix = new float[stimuli * voxels];
    for (int v = 0; v < voxels; v++) {
      for (int s = 0; s < stimuli; s++) {
        double x = 0;
        for (int d = 0; d < DIMS; d++) {
          x += gaussian(seed + 1, (long) v * DIMS + d) * data.representations()[s * DIMS + d];
        }
        float value = (float) (x + 0.5 * gaussian(seed + 2, (long) v * stimuli + s));
        series[s * voxels + v] = value;
        matrix[s * voxels + v] = value;
      }
    }
    Affine affine = new Affine(new double[] {2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0}, "sform");
    int[] all = new int[voxels];
    for (int v = 0; v < voxels; v++) {
      all[v] = v;
    }
    Searchlight.Spheres cut = Searchlight.of(new Mask("bench", shape, all), affine,
        new Searchlight.Spec(RADIUS_VOXELS, Searchlight.RadiusUnit.VOXELS, 1, 1));
    double meanVoxels = cut.spheres().stream().mapToInt(s -> s.voxels().length).average()
        .orElse(0);
    out.printf(Locale.ROOT, "searchlight benchmark: %d stimuli, %d features, interactions, %d"
        + " permutations; %d spheres of radius %.0f voxels (%.1f voxels on average) on a %d^3"
        + " grid; master %s (%d task slots)%n", stimuli, FEATURES, permutations,
        cut.spheres().size(), RADIUS_VOXELS, meanVoxels, side, master, slots);
    out.flush();

    EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(data));
    Representations reps = Representations.of(data.ids(), matrix, voxels);
    MlemConfig base = MlemConfig.builder().seed(seed).permutations(permutations).build();
    int batch = org.mlem.core.api.Mlem.with(base).estimateBatchSize(features).batchSize();
    MlemConfig config = base.toBuilder().batchSize(batch).build();
    List<Searchlight.Sphere> sample = cut.spheres().subList(0, Math.min(TIMED_ALONE + 3,
        cut.spheres().size()));
    double alone = 0;
    int timed = 0;
    for (int k = 0; k < sample.size(); k++) {
      Searchlight.Sphere s = sample.get(k);
      long t0 = System.nanoTime();
      SmallFits.fitOne(features, reps, config, NeuralDistance.EUCLIDEAN, new SmallFit(s.name(),
          s.voxels(), seed + k));
      if (k >= 3) {
        alone += (System.nanoTime() - t0) / 1e9;
        timed++;
      }
    }
    double perFit = alone / timed;
    out.printf(Locale.ROOT, "in process, one thread: %.1f ms per sphere (mean of %d spheres"
        + " after 3 warm-up fits; batch size %d)%n", 1000 * perFit, timed, batch);
    out.flush();

    Path dir = Files.createDirectories(work);
    writeFeatures(data, dir.resolve("features.csv"));
    NiftiWriter.writeSeries(dir.resolve("betas.nii.gz"), shape, stimuli, affine, series,
        "mlem searchlight benchmark");
    float[] mask = new float[voxels];
    Arrays.fill(mask, 1f);
    NiftiWriter.write(dir.resolve("mask.nii.gz"), shape, affine, mask, "full mask");
    List<String> args = new ArrayList<>(List.of("searchlight", "--features",
        dir.resolve("features.csv").toString(), "--representations",
        dir.resolve("betas.nii.gz").toString(), "--mask", dir.resolve("mask.nii.gz").toString(),
        "--out", dir.resolve("searchlight").toString(), "--overwrite", "--radius", "3vox",
        "--min-voxels", "1", "--seed", Long.toString(seed), "--permutations",
        Integer.toString(permutations), "--batch-size", Integer.toString(batch), "--no-report",
        "--quiet"));
    if (master != null) {
      args.addAll(List.of("--master", master));
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    long t1 = System.nanoTime();
    int code = MlemCli.run(new PrintStream(console, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        args.toArray(String[]::new));
    double whole = (System.nanoTime() - t1) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("mlem searchlight failed (exit " + code + "): "
          + err.toString(StandardCharsets.UTF_8));
    }
    String json = Files.readString(dir.resolve("searchlight/searchlight.json"));
    double fits = number(json, "fits");
    double load = number(json, "load");
    double write = number(json, "write");
    int n = cut.spheres().size();
    double perSphere = fits * slots / n;
    out.printf(Locale.ROOT, "mlem searchlight: whole command %.1f s (Spark start and reading"
        + " included); reading %.2f s, fits %.1f s, writing the table and maps %.2f s%n", whole,
        load, fits, write);
    out.printf(Locale.ROOT, "%.1f spheres per second; %.1f ms of a task slot per sphere ="
        + " %.2f x the in-process time per fit (target: at most 1.5)%n", n / fits,
        1000 * perSphere, perSphere / perFit);
    out.flush();
  }

  private static double number(String json, String key) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key
        + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(json);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static void writeFeatures(SyntheticDataset data, Path file) throws IOException {
    String csv = org.mlem.core.sim.SyntheticTables.featuresCsv(data);
    Files.writeString(file, csv);
  }

  private static double gaussian(long stream, long position) {
    return PositionalRandom.gaussian(PositionalRandom.mix(stream, position));
  }
}
