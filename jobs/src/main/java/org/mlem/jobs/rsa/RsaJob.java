package org.mlem.jobs.rsa;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.distance.Representations;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.rsa.CommonStimuli;
import org.mlem.core.rsa.RsaEntry;
import org.mlem.core.rsa.RsaMatrix;
import org.mlem.core.rsa.SharedPairs;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.output.RunTable;
import org.mlem.jobs.sweep.RepresentationSet;
import org.mlem.jobs.sweep.RepresentationSets;

/**
 * {@code mlem rsa}: finds the sets as {@code mlem sweep} does, reads each on its own on the
 * driver, aligns their ids ({@link CommonStimuli}: the same ids in every set, or with
 * {@code --ids-from both} those common to all), measures every set's RDM with the neural
 * distance on the shared pairs ({@link SharedPairs}), computes the RSA matrix with its bootstrap
 * intervals ({@link RsaMatrix}) and writes OUT ({@link RsaWriter}). Every set is held in the
 * driver's memory while its RDM is measured, then only its P distances are kept.
 */
public final class RsaJob {
  private final SparkSession spark;
  private final RsaSettings settings;
  private final PrintWriter console;

  /**
   * @param spark the session (reads the sets, writes Parquet)
   * @param settings the resolved settings
   * @param console progress lines (unless quiet) and the summary
   */
  public RsaJob(SparkSession spark, RsaSettings settings, PrintWriter console) {
    this.spark = spark;
    this.settings = settings;
    this.console = console;
  }

  /** What a run computed. */
  public record Result(List<String> names, List<RsaEntry> entries, int stimuli, int pairs,
      boolean allPairs, List<String> warnings) {}

  /**
   * Runs the analysis and writes OUT.
   *
   * @throws InputException on bad input (fewer than two sets, ids that do not align, a set whose
   *     distances are undefined or constant), before anything is written
   */
  public Result run() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    RsaWriter.requireWritable(spark, settings.out(), settings.overwrite());
    List<RepresentationSet> sets = RepresentationSets.discover(spark, settings.representations(),
        settings.setColumn(), settings.brain());
    if (sets.size() < 2) {
      throw new InputException("representations " + settings.representations().uri()
          + " holds " + sets.size() + " set" + (sets.size() == 1 ? " ('" + sets.get(0).name()
              + "')" : "") + "; an RSA compares two or more: give a pattern, archive or table"
          + " with several sets");
    }
    List<String> names = new ArrayList<>();
    List<Representations> read = new ArrayList<>();
    List<List<String>> ids = new ArrayList<>();
    List<InputFile> files = new ArrayList<>();
    for (RepresentationSet set : sets) {
      progress("reading " + set.name() + " (" + set.uri() + ")");
      Representations r = set.loadUnjoined(spark);
      names.add(set.name());
      read.add(r);
      ids.add(r.ids());
      files.addAll(set.inputFiles(spark));
    }
    double readSeconds = seconds(t0);
    CommonStimuli common;
    try {
      common = CommonStimuli.of(names, ids, settings.idsFrom());
    } catch (IllegalArgumentException e) {
      throw new InputException(settings.representations().uri() + ": " + e.getMessage()
          + (settings.representations().idsUri() == null ? " (an array set without --ids takes"
              + " its row numbers 0..n-1 as ids: give --ids FILE, one id per row, to join"
              + " arrays by id)" : ""), e);
    }
    List<String> warnings = droppedWarnings(names, common);
    warnings.forEach(w -> console.println("warning: " + w));
    long t1 = System.nanoTime();
    int n = common.ids().size();
    SharedPairs pairs = SharedPairs.of(n, settings.maxPairs(), settings.seed());
    progress(String.format(Locale.ROOT, "%d sets, %d common stimuli (ids-from %s, %d ids"
        + " dropped), %d %s pairs, %s distance", names.size(), n, settings.idsFrom().cliName(),
        common.droppedTotal(), pairs.size(), pairs.all() ? "(all)" : "sampled",
        settings.distance().cliName()));
    List<double[]> rdms = new ArrayList<>();
    for (int s = 0; s < names.size(); s++) {
      try {
        rdms.add(pairs.rdm(new RepresentationDistances(read.get(s), settings.distance()),
            common.rows().get(s)));
      } catch (IllegalArgumentException e) {
        throw new InputException("set " + names.get(s) + " (" + sets.get(s).uri() + "): "
            + e.getMessage(), e);
      }
      read.set(s, null);
    }
    double rdmSeconds = seconds(t1);
    long t2 = System.nanoTime();
    progress(settings.bootstrap() == 0 ? "correlating (no bootstrap)"
        : "correlating with " + settings.bootstrap() + " bootstrap resamples on "
            + settings.threads() + " thread" + (settings.threads() == 1 ? "" : "s"));
    List<RsaEntry> entries;
    try {
      entries = RsaMatrix.compute(names, rdms, pairs, settings.measure(), settings.bootstrap(),
          settings.seed(), settings.threads());
    } catch (IllegalArgumentException e) {
      throw new InputException(settings.representations().uri() + ": " + e.getMessage(), e);
    }
    double rsaSeconds = seconds(t2);
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("read", readSeconds);
    timings.put("rdms", rdmSeconds);
    timings.put("rsa", rsaSeconds);
    timings.put("total", seconds(t0));
    RunTable table = RsaTable.of(names, entries, settings.measure(), pairs.size(), n);
    ProvenanceRecord provenance = ProvenanceRecord.builder(ProvenanceRecord.RSA)
        .spark(spark.version()).times(started, Instant.now()).seed(settings.seed())
        .config(new java.util.TreeMap<>(settings.given())).inputs(files)
        .detail("sets", setDetails(sets, common))
        .detail("pairs", Map.of("count", pairs.size(), "all", pairs.all(), "stimuli", n,
            "max_pairs", settings.maxPairs()))
        .detail("ids", Map.of("ids_from", settings.idsFrom().cliName(),
            "common", n, "dropped", common.droppedTotal()))
        .timings(timings).warnings(warnings).build();
    new RsaWriter(spark).write(settings.out(), settings.overwrite(), table, provenance);
    return new Result(names, entries, n, pairs.size(), pairs.all(), warnings);
  }

  /** One warning per set that lost ids under --ids-from both. */
  static List<String> droppedWarnings(List<String> names, CommonStimuli common) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < names.size(); s++) {
      int dropped = common.dropped()[s];
      if (dropped > 0) {
        out.add("ids-from both: comparing the " + common.ids().size() + " stimuli common to all"
            + " sets; dropped " + dropped + " of the " + (common.ids().size() + dropped)
            + " ids of set " + names.get(s) + ": " + String.join(", ",
                common.droppedExamples().get(s)) + (dropped > common.droppedExamples().get(s)
                    .size() ? ", ..." : ""));
      }
    }
    return out;
  }

  private static List<Map<String, Object>> setDetails(List<RepresentationSet> sets,
      CommonStimuli common) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int s = 0; s < sets.size(); s++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", sets.get(s).name());
      m.put("uri", sets.get(s).uri());
      m.put("dropped", common.dropped()[s]);
      m.put("dropped_examples", common.droppedExamples().get(s));
      out.add(m);
    }
    return out;
  }

  private void progress(String line) {
    if (!settings.quiet()) {
      console.println(line);
      console.flush();
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

}
