package org.mlem.jobs.sweep;

import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.output.SetStatus;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.SweepFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.fit.Engine;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.SetInputs;
import org.mlem.jobs.output.CompletionRate;
import org.mlem.jobs.output.Interruption;
import org.mlem.jobs.output.RunDirectoryWriter;
import org.mlem.jobs.report.SetNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep on Spark ({@code mlem sweep}): finds the sets ({@link RepresentationSets}), reads
 * and encodes the features once, fixes one batch size (given, read from a batch-size file,
 * reused from an earlier attempt's {@code OUT/batch_size.json} with the same features and seed,
 * or estimated once), then runs every set as {@code mlem fit} would ({@link SetRunner}) with its
 * own seed ({@link SetSeeds}), up to {@code concurrency} sets at once (driver threads, each
 * submitting its own Spark jobs in scheduler pool {@code mlem-sweep-<thread>}), and finally
 * rebuilds the combined table, the report, {@code sweep.json} and {@code _SUCCESS}.
 *
 * <p>Resume: a set whose {@code OUT/runs/<set>} is complete ({@code _SUCCESS} and every file
 * of a run directory, {@link RunDirectoryWriter#missingPart}) is skipped (status
 * skipped-complete in the files, "ok (resumed)" on the console) unless {@code --overwrite}; its
 * rows are read back from its run directory.
 * A damaged one is refitted. {@code <set>} is {@link SweepFiles#runDirName} of the set's name.
 * Stale {@code OUT/runs/*._tmp-*} temporaries of a killed run are deleted first, and
 * {@code OUT/_SUCCESS} is removed while the sweep runs.
 *
 * <p>Degenerate sets: an {@link InputException}, {@link ArithmeticException} or
 * {@link IllegalArgumentException} while reading or fitting a set (constant representations,
 * too few valid pairs, NaN values, ids that do not match) marks the set failed with the
 * message as its reason, and the sweep goes on. Any other error stops the sweep: no new set
 * starts, running ones finish, and the error propagates (a rerun resumes).
 *
 * <p>Interruption (Ctrl-C, {@link Interruption}): no new set starts, the running ones stop at
 * their next step, and the line printed names the sets that were running; their temporaries are
 * removed, the complete sets stay, so the same command resumes. Set names are shown decoded
 * on the console ({@link SetNames#display}).
 *
 * <p>Not safe for two sweeps writing the same OUT at once.
 */
public final class SweepJob {
  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

  private final SweepSession session;
  private final SweepSettings settings;
  private final PrintWriter out;
  private final Consumer<SetOutcome> afterEachSet;
  /** The sets being fitted (index to "3/12 (name)"), for the interruption line. */
  private final Map<Integer, String> running = new ConcurrentSkipListMap<>();
  /** After the sets: what an interruption stops. */
  private volatile String stage;

  /**
   * @param spark the session
   * @param settings validated settings
   * @param out the console
   */
  public SweepJob(SparkSession spark, SweepSettings settings, PrintWriter out) {
    this(SweepSession.of(spark), settings, out, outcome -> {});
  }

  /**
   * @param session the session, possibly started only when a part of the sweep needs it
   * @param settings validated settings
   * @param out the console
   */
  public SweepJob(SweepSession session, SweepSettings settings, PrintWriter out) {
    this(session, settings, out, outcome -> {});
  }

  /** For tests: {@code afterEachSet} sees each set's outcome; throwing there stops the sweep. */
  SweepJob(SparkSession spark, SweepSettings settings, PrintWriter out,
      Consumer<SetOutcome> afterEachSet) {
    this(SweepSession.of(spark), settings, out, afterEachSet);
  }

  /** The constructor the others delegate to; {@code session} may start lazily. */
  SweepJob(SweepSession session, SweepSettings settings, PrintWriter out,
      Consumer<SetOutcome> afterEachSet) {
    this.session = session;
    this.settings = settings;
    this.out = out;
    this.afterEachSet = afterEachSet;
  }

  /**
   * Runs the sweep.
   *
   * @return every set's outcome and the shared batch size
   * @throws InputException when the features or the pattern are bad (exit code 2)
   */
  public SweepResult run() {
    Interruption.describeWith(this::interruptionLine);
    Instant started = Instant.now();
    Map<String, Double> timings = new LinkedHashMap<>();
    Configuration conf = session.conf();
    String root = settings.fit().out();
    boolean quiet = settings.fit().quiet();

    long t0 = System.nanoTime();
    List<RepresentationSet> sets = RepresentationSets.discover(conf, session::session,
        settings.fit().representations(), settings.setColumn(), settings.brain());
    phase(quiet, sets.size() + " sets in " + settings.fit().representations().uri() + ": "
        + String.join(", ", sets.stream().map(s -> SetNames.display(s.name())).toList()));
    SetInputs.LoadedFeatures features = loadFeatures(conf);
    RepresentationSets.requireRows(sets, settings.fit().representations(), features);
    phase(quiet, String.format(Locale.ROOT, "%d stimuli, %d features", features.features().size(),
        features.features().layout().featureCount()));
    timings.put("load_features", seconds(t0));

    long t1 = System.nanoTime();
    prepareRoot(conf, root);
    SharedBatchSize batch = batchSize(conf, features);
    batch.write(conf, SweepFiles.file(root, OutputFiles.BATCH_SIZE_JSON));
    phase(quiet, "batch size " + batch.batchSize() + " (shared by every set)");
    batch.warnings().forEach(w -> phase(quiet, "warning: " + w));
    timings.put("batch_size", seconds(t1));

    long t2 = System.nanoTime();
    List<SetOutcome> outcomes = runAll(sets, features, batch);
    timings.put("sets", seconds(t2));

    stage = "after every set was fitted; rerun the same command to write the combined table";
    long t3 = System.nanoTime();
    SweepResult result = new SweepResult(outcomes, batch);
    List<Object[]> rows = CombinedTable.rows(conf, outcomes, root);
    CombinedTable.write(conf, rows, root);
    timings.put("combine", seconds(t3));
    SweepFiles.writeAtomically(conf, SweepFiles.file(root, OutputFiles.SWEEP_JSON),
        SweepManifest.json(settings, result, ProvenanceRecord.sparkLibraryVersion(), started,
            Instant.now(), timings));
    if (settings.report()) {
      writeReport(root);
    }
    SweepFiles.writeAtomically(conf, SweepFiles.file(root, OutputFiles.SUCCESS), "");
    long resumed = count(outcomes, SetStatus.SKIPPED_COMPLETE);
    out.printf(Locale.ROOT, "sweep: %d sets: %d ok%s, %d failed; combined table %s%n",
        outcomes.size(), count(outcomes, SetStatus.OK) + resumed,
        resumed == 0 ? "" : " (" + resumed + " resumed)", count(outcomes, SetStatus.FAILED),
        SweepFiles.file(root, OutputFiles.csv(OutputFiles.COMBINED)));
    out.flush();
    return result;
  }

  /**
   * The feature table, read on the driver without Spark SQL when the master is local and the
   * table a plain local CSV or Parquet file (as {@code mlem fit --engine auto} reads it: the
   * same checks and encoding, without Spark SQL's first-query warm-up), else through Spark.
   */
  private SetInputs.LoadedFeatures loadFeatures(Configuration conf) {
    if (Engine.isLocalMaster(session.master())) {
      Optional<SetInputs.LoadedFeatures> read =
          SetInputs.loadFeaturesWithoutSpark(conf, settings.fit().features());
      if (read.isPresent()) {
        return read.get();
      }
    }
    return SetInputs.loadFeatures(session.session(), settings.fit().features());
  }

  /**
   * The sweep report (and every set's), after sweep.json; a failure only warns: the sweep's
   * results are complete without it, and {@code mlem report OUT} can rebuild it.
   */
  private void writeReport(String root) {
    try {
      String uri = org.mlem.jobs.report.SweepReport.write(session::session, session.conf(), root,
          null);
      out.println("report: " + uri);
    } catch (RuntimeException e) {
      out.println("warning: the report could not be written (" + e.getMessage()
          + "); run 'mlem report " + root + "' to retry");
    }
  }

  private void prepareRoot(Configuration conf, String root) {
    try {
      Path p = new Path(root);
      p.getFileSystem(conf).mkdirs(new Path(p, OutputFiles.SWEEP_RUNS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sweep directory " + root, e);
    }
    SweepFiles.delete(conf, SweepFiles.file(root, OutputFiles.SUCCESS));
    int stale = SweepFiles.cleanStaleTemporaries(conf, root);
    if (stale > 0) {
      phase(settings.fit().quiet(), "deleted " + stale + " temporary run director"
          + (stale == 1 ? "y" : "ies") + " left by an interrupted run");
    }
  }

  /** Given, from a file, reused from an earlier attempt, or estimated once. */
  private SharedBatchSize batchSize(Configuration conf, SetInputs.LoadedFeatures features) {
    return SharedBatchSize.choose(conf, settings.fit().config(), features.features(),
        settings.batchSizeFile(), SweepFiles.file(settings.fit().out(),
            OutputFiles.BATCH_SIZE_JSON), w -> LOG.warn(w));
  }

  private List<SetOutcome> runAll(List<RepresentationSet> sets,
      SetInputs.LoadedFeatures features, SharedBatchSize batch) {
    int concurrency = settings.concurrencyOn(session.master(), session::slots);
    if (settings.autoConcurrency() && concurrency > 1) {
      phase(settings.fit().quiet(), "fitting up to " + concurrency + " sets at once (the "
          + "session's task slots; --concurrency K to choose)");
    }
    // under auto concurrency, sets driven from the driver (too big for a task) go one at a time:
    // each such fit spreads over the cluster already
    SetRunner runner = new SetRunner(session, settings, features, batch.batchSize(),
        new Semaphore(settings.autoConcurrency() ? 1 : concurrency));
    CompletionRate rate = new CompletionRate("sets", sets.size(), completeBefore(sets));
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, task -> {
      Thread t = new Thread(task, "mlem-sweep-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    List<Future<SetOutcome>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < sets.size(); i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          if (stopped.get()) {
            return null;
          }
          Interruption.check();
          try {
            SetOutcome o = runOne(runner, sets.get(index), index, sets.size(), rate);
            afterEachSet.accept(o);
            return o;
          } catch (RuntimeException | Error e) {
            stopped.set(true);
            throw e;
          }
        }));
      }
      List<SetOutcome> outcomes = new ArrayList<>();
      Throwable first = null;
      for (Future<SetOutcome> f : futures) {
        try {
          outcomes.add(f.get());
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the sets", e);
        }
      }
      if (first instanceof RuntimeException r) {
        throw r;
      }
      if (first instanceof Error err) {
        throw err;
      }
      if (first != null) {
        // a checked exception (e.g. Spark's SparkException, undeclared in Java)
        throw new IllegalStateException(first.getMessage(), first);
      }
      return outcomes;
    } finally {
      pool.shutdown();
    }
  }

  /** Sets whose run directory is already complete (skipped unless --overwrite). */
  private int completeBefore(List<RepresentationSet> sets) {
    if (settings.fit().overwrite()) {
      return 0;
    }
    Configuration conf = session.conf();
    int n = 0;
    for (RepresentationSet set : sets) {
      String dir = SweepFiles.runDir(settings.fit().out(), set.name());
      if (SweepFiles.exists(conf, dir) && RunDirectoryWriter.missingPart(conf, dir) == null) {
        n++;
      }
    }
    return n;
  }

  private SetOutcome runOne(SetRunner runner, RepresentationSet set, int index, int count,
      CompletionRate rate) {
    Configuration conf = session.conf();
    String name = set.name();
    String dir = SweepFiles.runDir(settings.fit().out(), name);
    long seed = SetSeeds.seedOf(settings.fit().config().training().seed(), name);
    SetProgress progress = new SetProgress(out, index + 1, count, SetNames.display(name),
        settings.fit().quiet());
    if (SweepFiles.exists(conf, dir)) {
      String missing = RunDirectoryWriter.missingPart(conf, dir);
      if (missing == null && !settings.fit().overwrite()) {
        progress.line(SetStatus.display(SetStatus.SKIPPED_COMPLETE.label()));
        return new SetOutcome(set, seed, SetStatus.SKIPPED_COMPLETE, null, 0.0);
      }
      if (missing != null) {
        LOG.warn("{} is incomplete (no {}): refitting set {}", dir, missing, name);
        phase(settings.fit().quiet(), "set " + name + ": " + dir + " is incomplete (no "
            + missing + "); refitting it");
        // OUT/runs/<set> belongs to the sweep: a damaged earlier result of this set
        SweepFiles.delete(conf, dir);
      }
    }
    // this set's Spark jobs (if any: a local set fitted in process has none) in its own pool
    // and group; a session started by this set gets them when the runner asks for it
    session.ifStarted(s -> SetRunner.tag(s, name));
    long t0 = System.nanoTime();
    running.put(index, (index + 1) + "/" + count + " (" + SetNames.display(name) + ")");
    try {
      SetTask.Fitted fitted = runner.run(set, seed, dir, progress);
      double s = seconds(t0);
      progress.line(String.format(Locale.ROOT, "%s held-out Spearman %.4f, steps %s, %.1f s"
          + "  | %s",
          SetStatus.OK.label(), fitted.spearman(), fitted.steps(), s, rate.advance(1)));
      return new SetOutcome(set, seed, SetStatus.OK, null, s);
    } catch (RuntimeException e) {
      Throwable degenerate = degenerate(e);
      if (degenerate == null || Interruption.requested()) {
        throw e;
      }
      String reason = degenerate instanceof InputException ? degenerate.getMessage()
          : degenerate.getClass().getSimpleName() + ": " + degenerate.getMessage();
      LOG.warn("set {} failed: {}", name, reason, e);
      progress.line(SetStatus.FAILED.label() + ": " + reason + "  | " + rate.advance(1));
      return new SetOutcome(set, seed, SetStatus.FAILED, reason, seconds(t0));
    } finally {
      // a set stopped by Ctrl-C stays listed: the signal is flagged before its line is composed,
      // and the set may unwind in between
      if (!Interruption.requested()) {
        running.remove(index);
      }
      session.ifStarted(s -> s.sparkContext().clearJobGroup());
    }
  }

  /**
   * The line printed when the user stops the sweep (Ctrl-C): which sets were running and how
   * to resume; complete sets are kept, so the same command carries on.
   */
  private String interruptionLine() {
    if (stage != null) {
      return "interrupted " + stage;
    }
    List<String> now = new ArrayList<>(running.values());
    if (now.isEmpty()) {
      return "interrupted before a set was running; rerun the same command to resume";
    }
    String sets = (now.size() == 1 ? "set " : "sets ") + String.join(", ", now);
    return "interrupted during " + sets + "; rerun the same command to resume";
  }

  /** The degenerate-input error in the cause chain (see the class comment), or null. */
  static Throwable degenerate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputException || t instanceof ArithmeticException
          || t instanceof IllegalArgumentException) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private void phase(boolean quiet, String text) {
    if (!quiet) {
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    }
  }

  private static long count(List<SetOutcome> outcomes, SetStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
