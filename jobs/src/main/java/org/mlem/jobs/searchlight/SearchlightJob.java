package org.mlem.jobs.searchlight;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.brain.Searchlight;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.SetInputs;
import org.mlem.jobs.output.AtomicOutput;
import org.mlem.jobs.output.CompletionRate;
import org.mlem.jobs.output.Interruption;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.output.SetStatus;
import org.mlem.jobs.output.SweepFiles;
import org.mlem.jobs.sweep.SetSeeds;
import org.mlem.jobs.sweep.SharedBatchSize;
import org.mlem.jobs.sweep.VolumeSets;
import org.mlem.jobs.tasks.SmallFit;
import org.mlem.jobs.tasks.SmallFitResult;
import org.mlem.jobs.tasks.SmallFits;

/**
 * One searchlight on Spark ({@code mlem searchlight}): reads the volumes under the mask once
 * ({@link VolumeSets#masked}) and joins them to the features, cuts the mask into spheres
 * ({@link Searchlight#of}), fixes one batch size for every sphere (given, from a file, or
 * estimated once from the features), and fits every sphere as a Spark task
 * ({@link SmallFits}): sphere {@code i-j-k}'s seed is {@link SetSeeds#seedOf} of the run seed
 * and its name, exactly as a sweep's set, so {@code mlem fit --engine in-process --seed <that>
 * --batch-size <shared>} on the sphere's voxels gives the same numbers.
 *
 * <p>The spheres run in waves (at most twenty, each one Spark job, at least
 * {@value #MIN_FITS_PER_SLOT} spheres per task slot); each completed wave is written
 * at once as one partition {@code wave=<n>} of {@code OUT/searchlight.parquet} (atomically: a
 * partition with its {@code _SUCCESS} is complete), and a progress line gives spheres done /
 * total, the rate and the time left. Rerunning the same command resumes: the spheres of
 * complete partitions are not fitted again (settings that differ from the earlier attempt's,
 * recorded in {@code OUT/searchlight_settings.json}, are refused unless {@code --overwrite}). At
 * the end: {@code OUT/searchlight.csv} (the whole long table, {@link SearchlightTable}), the
 * NIfTI maps ({@link SearchlightMaps}), {@code OUT/searchlight.json} (provenance, grid and
 * counts), the report and {@code OUT/_SUCCESS}.
 *
 * <p>A sphere whose fit fails on degenerate data (e.g. constant voxels) is a row with status
 * "failed" and the reason; the searchlight goes on.
 */
public final class SearchlightJob {
  /** The partitioned long table inside OUT. */
  static final String TABLE = OutputFiles.SEARCHLIGHT_TABLE;
  /** The long table as CSV inside OUT. */
  static final String CSV = OutputFiles.csv(OutputFiles.SEARCHLIGHT);
  /** The provenance record inside OUT. */
  static final String JSON = OutputFiles.SEARCHLIGHT_JSON;
  /** The settings of the attempt that wrote the partitions, for resuming. */
  static final String SETTINGS_JSON = OutputFiles.SEARCHLIGHT_SETTINGS_JSON;
  /** Waves a searchlight is cut into (progress and resume granularity), at most. */
  static final int WAVES = 20;
  /**
   * Spheres per task slot in a wave, at least: a wave costs a Spark job and a Parquet write, so
   * a small searchlight runs in fewer, larger waves.
   */
  static final int MIN_FITS_PER_SLOT = 16;

  private final SparkSession spark;
  private final SearchlightSettings settings;
  private final PrintWriter out;
  private volatile String progress = "before the first sphere";

  /** What a searchlight produced. */
  public record Summary(int spheres, int skipped, int fitted, int resumed, int failed,
      int batchSize, List<String> maps) {}

  public SearchlightJob(SparkSession spark, SearchlightSettings settings, PrintWriter out) {
    this.spark = spark;
    this.settings = settings;
    this.out = out;
  }

  /**
   * Runs the searchlight.
   *
   * @throws InputException on bad input (exit code 2), before anything is written
   */
  public Summary run() {
    Interruption.describeWith(() -> "interrupted " + progress
        + "; rerun the same command to resume");
    Instant started = Instant.now();
    Map<String, Double> timings = new LinkedHashMap<>();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String root = settings.fit().out();

    long t0 = System.nanoTime();
    SetInputs.LoadedFeatures features = SetInputs.loadFeatures(spark, settings.fit().features());
    VolumeSets.Masked masked = VolumeSets.masked(conf, settings.fit().representations(),
        settings.mask());
    LoadedInputs loaded = masked.set().load(spark, features, settings.fit().idsFrom());
    timings.put("load", seconds(t0));
    long t1 = System.nanoTime();
    Searchlight.Spheres spheres = Searchlight.of(masked.mask(), masked.affine(),
        settings.spheres());
    if (spheres.spheres().isEmpty()) {
      throw new InputException("searchlight: none of the " + spheres.centers() + " centres in "
          + settings.mask() + " has a sphere of at least " + settings.spheres().minVoxels()
          + " voxels within " + settings.radiusText() + "; give a larger --radius or a smaller"
          + " --min-voxels");
    }
    timings.put("spheres", seconds(t1));
    phase(String.format(Locale.ROOT, "%d stimuli, %d features, %d voxels in the mask; %d"
        + " spheres of radius %s (%d centres, %d skipped with fewer than %d voxels)",
        loaded.features().size(), loaded.features().layout().featureCount(),
        masked.mask().size(), spheres.spheres().size(), settings.radiusText(),
        spheres.centers(), spheres.skipped(), settings.spheres().minVoxels()));

    long t2 = System.nanoTime();
    prepareRoot(conf, root);
    SharedBatchSize batch = batchSize(conf, loaded);
    batch.write(conf, SweepFiles.file(root, OutputFiles.BATCH_SIZE_JSON));
    phase("batch size " + batch.batchSize() + " (shared by every sphere)");
    batch.warnings().forEach(w -> phase("warning: " + w));
    timings.put("batch_size", seconds(t2));
    requireSameSettings(conf, root, batch.batchSize());

    long t3 = System.nanoTime();
    Set<String> done = completedSpheres(conf, root);
    List<Searchlight.Sphere> todo = new ArrayList<>();
    for (Searchlight.Sphere s : spheres.spheres()) {
      if (!done.contains(s.name())) {
        todo.add(s);
      }
    }
    if (!done.isEmpty()) {
      phase(done.size() + " spheres complete from an earlier attempt (resumed)");
    }
    MlemConfig config = settings.fit().config().toBuilder().batchSize(batch.batchSize())
        .build();
    fitAll(conf, root, todo, spheres.spheres().size(), done.size(), loaded,
        masked.mask().voxels(), config);
    timings.put("fits", seconds(t3));

    progress = "after every sphere was fitted";
    long t4 = System.nanoTime();
    List<Row> rows = readTable(root, spheres);
    List<String> units = units(rows);
    SweepFiles.writeAtomically(conf, SweepFiles.file(root, CSV), SearchlightTable.csv(rows));
    List<String> maps = SearchlightMaps.write(conf, root, masked.shape(), masked.affine(), rows,
        units);
    int failedAll = (int) rows.stream()
        .filter(r -> SetStatus.FAILED.label().equals(r.getString(10))).count();
    timings.put("write", seconds(t4));
    Summary summary = new Summary(spheres.spheres().size(), spheres.skipped(), todo.size(),
        done.size(), failedAll, batch.batchSize(), maps);
    SweepFiles.writeAtomically(conf, SweepFiles.file(root, JSON), ProvenanceJson.write(
        record(started, timings, masked, spheres, batch, summary, units, loaded)));
    if (settings.report()) {
      writeReport(conf, root);
    }
    SweepFiles.writeAtomically(conf, SweepFiles.file(root, OutputFiles.SUCCESS), "");
    out.printf(Locale.ROOT, "searchlight: %d spheres: %d ok%s, %d failed; table %s, maps in"
        + " %s%n", summary.spheres(), summary.spheres() - failedAll,
        done.isEmpty() ? "" : " (" + done.size() + " resumed)", failedAll,
        SweepFiles.file(root, CSV), SweepFiles.file(root, SearchlightMaps.DIR));
    out.flush();
    return summary;
  }

  /** Fits the spheres in waves, writing each wave's partition. */
  private void fitAll(Configuration conf, String root, List<Searchlight.Sphere> todo, int total,
      int resumed, LoadedInputs loaded, int[] maskVoxels, MlemConfig config) {
    if (todo.isEmpty()) {
      return;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parallelism = settings.fit().partitions() > 0 ? settings.fit().partitions()
        : jsc.defaultParallelism();
    int waveSize = Math.max(parallelism * MIN_FITS_PER_SLOT,
        (int) Math.ceil((double) total / WAVES));
    int wave = nextWave(conf, root);
    long runSeed = settings.fit().config().training().seed();
    int failed = 0;
    int fitted = 0;
    CompletionRate rate = new CompletionRate("spheres", total, resumed);
    try (SmallFits fits = new SmallFits(jsc, loaded.features(), loaded.representations(),
        config, settings.fit().distance())) {
      for (int from = 0; from < todo.size(); from += waveSize) {
        Interruption.check();
        List<Searchlight.Sphere> part = todo.subList(from, Math.min(todo.size(),
            from + waveSize));
        List<SmallFit> batch = new ArrayList<>();
        for (Searchlight.Sphere s : part) {
          batch.add(new SmallFit(s.name(), columnsOf(s, maskVoxels),
              SetSeeds.seedOf(runSeed, s.name())));
        }
        progress = String.format(Locale.ROOT, "with %d of %d spheres complete",
            resumed + fitted, total);
        spark.sparkContext().setJobGroup("mlem-searchlight", "mlem searchlight wave " + wave,
            true);
        List<SmallFitResult> results = fits.run(batch, Math.min(part.size(),
            parallelism * 4));
        Interruption.check();
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < part.size(); k++) {
          rows.addAll(SearchlightTable.rows(part.get(k), results.get(k)));
          if (!results.get(k).ok()) {
            failed++;
          }
        }
        writeWave(conf, root, wave++, rows);
        fitted += part.size();
        phase(rate.advance(part.size())
            + (failed == 0 ? "" : "  (" + failed + " failed)"));
      }
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The sphere's voxels as column indices of the masked matrix (ascending flat voxels). */
  private static int[] columnsOf(Searchlight.Sphere s, int[] maskVoxels) {
    int[] v = s.voxels();
    int[] c = new int[v.length];
    for (int k = 0; k < v.length; k++) {
      c[k] = Arrays.binarySearch(maskVoxels, v[k]);
      if (c[k] < 0) {
        throw new IllegalStateException("sphere " + s.name() + " holds voxel " + v[k]
            + " outside the mask");
      }
    }
    return c;
  }

  private void writeWave(Configuration conf, String root, int wave, List<Row> rows) {
    Path target = new Path(SweepFiles.file(root, TABLE), "wave=" + String.format(Locale.ROOT,
        "%05d", wave));
    try {
      FileSystem fs = target.getFileSystem(conf);
      fs.mkdirs(target.getParent());
      AtomicOutput.writeDirectory(fs, target, false, dir -> {
        spark.createDataFrame(rows, SearchlightTable.schema()).coalesce(1).write()
            .mode(SaveMode.Overwrite).option("compression", "snappy").parquet(dir.toString());
        // the partition's _SUCCESS is written once it is in place
        fs.delete(new Path(dir, OutputFiles.SUCCESS), false);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** The complete waves' partitions (with _SUCCESS). */
  private static List<Path> completeWaves(Configuration conf, String root) {
    Path table = new Path(SweepFiles.file(root, TABLE));
    List<Path> waves = new ArrayList<>();
    try {
      FileSystem fs = table.getFileSystem(conf);
      if (!fs.exists(table)) {
        return waves;
      }
      for (FileStatus s : fs.listStatus(table)) {
        String name = s.getPath().getName();
        if (s.isDirectory() && name.startsWith("wave=") && !name.contains("._")
            && fs.exists(new Path(s.getPath(), OutputFiles.SUCCESS))) {
          waves.add(s.getPath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + table + ": " + e.getMessage(), e);
    }
    waves.sort(Comparator.comparing(Path::getName));
    return waves;
  }

  private static int nextWave(Configuration conf, String root) {
    int next = 0;
    for (Path p : completeWaves(conf, root)) {
      next = Math.max(next, Integer.parseInt(p.getName().substring("wave=".length())) + 1);
    }
    return next;
  }

  private Set<String> completedSpheres(Configuration conf, String root) {
    Set<String> done = new HashSet<>();
    List<Path> waves = completeWaves(conf, root);
    if (waves.isEmpty()) {
      return done;
    }
    for (Row r : spark.read().schema(SearchlightTable.schema())
        .parquet(waves.stream().map(Path::toString).toArray(String[]::new))
        .select("center").distinct().collectAsList()) {
      done.add(r.getString(0));
    }
    return done;
  }

  /** Every row of the complete waves, of the current spheres, ordered by centre then unit. */
  private List<Row> readTable(String root, Searchlight.Spheres spheres) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<Path> waves = completeWaves(conf, root);
    Map<String, Integer> order = new LinkedHashMap<>();
    for (Searchlight.Sphere s : spheres.spheres()) {
      order.put(s.name(), order.size());
    }
    List<Row> rows = waves.isEmpty() ? List.of() : spark.read()
        .schema(SearchlightTable.schema())
        .parquet(waves.stream().map(Path::toString).toArray(String[]::new)).collectAsList();
    List<Row> kept = new ArrayList<>();
    for (Row r : rows) {
      if (order.containsKey(r.getString(0))) {
        kept.add(r);
      }
    }
    // rows of one sphere keep their written (unit) order: a stable sort by centre
    kept.sort(Comparator.comparingInt(r -> order.get(r.getString(0))));
    return kept;
  }

  private static List<String> units(List<Row> rows) {
    List<String> units = new ArrayList<>();
    for (Row r : rows) {
      if (!r.isNullAt(5) && !units.contains(r.getString(5))) {
        units.add(r.getString(5));
      }
    }
    return units;
  }

  private void prepareRoot(Configuration conf, String root) {
    try {
      Path p = new Path(root);
      FileSystem fs = p.getFileSystem(conf);
      if (settings.fit().overwrite() && fs.exists(p)) {
        for (String name : List.of(TABLE, CSV, JSON, SETTINGS_JSON, SearchlightMaps.DIR,
            OutputFiles.BATCH_SIZE_JSON, OutputFiles.REPORT_HTML)) {
          fs.delete(new Path(p, name), true);
        }
      }
      fs.mkdirs(p);
      fs.delete(new Path(p, OutputFiles.SUCCESS), false);
      Path table = new Path(p, TABLE);
      if (fs.exists(table)) {
        for (FileStatus s : fs.listStatus(table)) {
          if (s.getPath().getName().contains("._tmp-")) {
            fs.delete(s.getPath(), true);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the searchlight directory " + root, e);
    }
  }

  /** Given, from a file, reused from an earlier attempt, or estimated once. */
  private SharedBatchSize batchSize(Configuration conf, LoadedInputs loaded) {
    return SharedBatchSize.choose(conf, settings.fit().config(), loaded.features(),
        settings.batchSizeFile(), SweepFiles.file(settings.fit().out(),
            OutputFiles.BATCH_SIZE_JSON), w -> phase("warning: " + w));
  }

  /**
   * Records the settings the partitions are written with; an earlier attempt's partitions are
   * only resumed with the same settings.
   */
  private void requireSameSettings(Configuration conf, String root, int batchSize) {
    Map<String, String> now = new LinkedHashMap<>(settings.toMap());
    now.remove("overwrite");
    now.remove("quiet");
    now.remove("verbose");
    now.remove("report");
    now.remove("master");
    now.remove("partitions");
    now.put("batch-size", Integer.toString(batchSize));
    String text = ProvenanceJson.write(ProvenanceRecord.builder(ProvenanceRecord.SEARCHLIGHT)
        .config(now).build());
    String file = SweepFiles.file(root, SETTINGS_JSON);
    if (SweepFiles.exists(conf, file) && !completeWaves(conf, root).isEmpty()) {
      ProvenanceRecord earlier = ProvenanceJson.read(file, SweepFiles.readText(conf, file,
          "searchlight settings"), ProvenanceRecord.SEARCHLIGHT);
      if (!earlier.config().equals(now)) {
        List<String> differ = new ArrayList<>();
        for (String k : now.keySet()) {
          if (!now.get(k).equals(earlier.config().get(k))) {
            differ.add(k + " " + earlier.config().get(k) + " -> " + now.get(k));
          }
        }
        throw new org.mlem.jobs.fit.UsageException(root + " holds the spheres of a searchlight"
            + " with other settings (" + String.join(", ", differ) + "); rerun with the same"
            + " settings to resume, or pass --overwrite (or another --out) to start again");
      }
    }
    SweepFiles.writeAtomically(conf, file, text);
  }

  private ProvenanceRecord record(Instant started, Map<String, Double> timings,
      VolumeSets.Masked masked, Searchlight.Spheres spheres, SharedBatchSize batch,
      Summary summary, List<String> units, LoadedInputs loaded) {
    double[] a = masked.affine().rows();
    List<Double> affine = new ArrayList<>();
    for (double v : a) {
      affine.add(v);
    }
    List<Integer> shape = List.of(masked.shape()[0], masked.shape()[1], masked.shape()[2]);
    return ProvenanceRecord.builder(ProvenanceRecord.SEARCHLIGHT).spark(spark.version())
        .times(started, Instant.now()).seed(settings.fit().config().training().seed())
        .config(settings.toMap()).inputs(loaded.files()).warnings(loaded.warnings())
        .detail("shape", shape).detail("affine", affine)
        .detail("radius", settings.radiusText())
        .detail("stride", settings.spheres().stride())
        .detail("min_voxels", settings.spheres().minVoxels())
        .detail("mask_voxels", masked.mask().size())
        .detail("centers", spheres.centers())
        .detail("spheres", summary.spheres()).detail("skipped", summary.skipped())
        .detail("fitted", summary.fitted()).detail("resumed", summary.resumed())
        .detail("failed", summary.failed()).detail("batch_size", batch.batchSize())
        .detail("units", units).detail("maps", summary.maps())
        .timings(timings).build();
  }

  private void writeReport(Configuration conf, String root) {
    try {
      out.println("report: " + org.mlem.jobs.report.SearchlightReport.write(conf, root));
    } catch (RuntimeException e) {
      out.println("warning: the report could not be written (" + e.getMessage() + ")");
    }
  }

  private void phase(String text) {
    if (!settings.fit().quiet()) {
      out.println(text);
      out.flush();
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
