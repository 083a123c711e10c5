package org.mlem.jobs.cli;

import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.mlem.core.api.Provenance;
import org.mlem.jobs.io.FailureCauses;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.Interruption;
import org.mlem.jobs.output.OutputExistsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code mlem} command line (the shaded jar's main class, also run by spark-submit):
 * subcommands {@code fit}, {@code sweep}, {@code estimate-batch-size}, {@code report},
 * {@code simulate}, {@code robustness}, {@code efficiency}, {@code demo}, {@code bench},
 * {@code searchlight} and {@code rsa}, plus {@code --help} and
 * {@code --version}. Exit codes:
 * 0 success; 2 bad usage or bad input (the message on stderr, no stack trace); 1 any other
 * failure (message and stack trace on stderr); 3 {@code mlem sweep} finished but some sets
 * failed ({@link #SOME_SETS_FAILED}); 52 is Spark's own exit code when a task ran out of memory
 * (its uncaught-exception handler ends the JVM; in local mode the driver runs the tasks); 130
 * and 143 interrupted by SIGINT (Ctrl-C) or SIGTERM (one line says how to resume).
 */
@Command(name = "mlem", mixinStandardHelpOptions = true, versionProvider = MlemCli.Version.class,
    subcommands = {FitCommand.class, SweepCommand.class, EstimateBatchSizeCommand.class,
        ReportCommand.class, SimulateCommand.class, RobustnessCommand.class,
        EfficiencyCommand.class, DemoCommand.class,
        BenchCommand.class, SearchlightCommand.class, RsaCommand.class},
    description = "Metric Learning Encoding Models on Apache Spark.")
public final class MlemCli implements Callable<Integer> {
  /** Exit code of a successful run. */
  public static final int OK = 0;
  /** Exit code of any failure that is not the user's input. */
  public static final int FAILURE = 1;
  /** Exit code of bad usage or bad input. */
  public static final int BAD_INPUT = 2;
  /**
   * Exit code of a {@code mlem sweep} that finished but where some sets failed (degenerate
   * input; the combined table holds their status and reason). README: "exit code 3: the sweep
   * ran to the end, but some sets failed; see OUT/combined.csv".
   */
  public static final int SOME_SETS_FAILED = 3;

  @Spec CommandSpec spec;

  /**
   * Entry point: runs the command and exits with its code. Ctrl-C (SIGINT) or SIGTERM prints one
   * line saying what was interrupted and how to resume, removes the temporaries and exits 130
   * or 143 ({@link Interruption}): logging is turned off and Spark's jobs are cancelled first,
   * so no stack trace or log line follows.
   */
  public static void main(String[] args) {
    Interruption.install(System.err);
    Interruption.onInterrupt(MlemCli::quietStop);
    int code = run(args);
    Interruption.finished();
    if (Interruption.requested()) {
      Interruption.awaitAnnouncement();
      Interruption.deleteTemporaries();
      code = Interruption.exitCode();
    }
    System.exit(code);
  }

  /**
   * On interruption: no more log lines or uncaught-exception traces (the cancelled jobs and
   * Spark's shutdown would print them), and the running Spark jobs cancelled.
   */
  private static void quietStop() {
    ConsoleLogging.off();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (!Interruption.requested() && previous != null) {
        previous.uncaughtException(t, e);
      }
    });
    System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8));
    if (!SparkSessions.used()) {
      return;
    }
    scala.Option<org.apache.spark.sql.SparkSession> session =
        org.apache.spark.sql.SparkSession.getDefaultSession();
    if (session.isDefined()) {
      session.get().sparkContext().cancelAllJobs();
    }
  }

  /** Runs the command in-process with the standard streams; returns the exit code. */
  public static int run(String... args) {
    return run(System.out, System.err, args);
  }

  /**
   * Runs the command in-process, printing to the given streams.
   *
   * @return the exit code: 0 ok, 2 bad usage or input, 1 other failure
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
        true);
    PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8),
        true);
    CommandLine cmd = commandLine();
    cmd.setOut(o);
    cmd.setErr(e);
    try {
      return cmd.execute(args);
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** The configured picocli command line (exception handlers map errors to exit codes). */
  static CommandLine commandLine() {
    CommandLine cmd = CommandOptions.install(new CommandLine(new MlemCli()));
    cmd.setParameterExceptionHandler(MlemCli::onParameterError);
    cmd.setExecutionExceptionHandler((ex, line, parsed) -> onFailure(ex, line));
    return cmd;
  }

  /**
   * Parses a {@code fit} command line and resolves its settings without running anything (for
   * tests and dry runs).
   *
   * @param args the arguments after {@code fit}
   */
  static FitSettings resolveFit(String... args) {
    CommandLine cmd = CommandOptions.of(new FitCommand());
    return FitCommand.resolve(cmd.parseArgs(args));
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("mlem: a command is required: fit, sweep, searchlight,"
        + " rsa, estimate-batch-size, report, simulate, robustness, efficiency, demo or bench"
        + " (mlem --help lists them)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return BAD_INPUT;
  }

  private static int onParameterError(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    err.println("mlem: " + ex.getMessage());
    err.println("see 'mlem " + (ex.getCommandLine().getCommandName().equals("mlem") ? ""
        : ex.getCommandLine().getCommandName() + " ") + "--help'");
    return BAD_INPUT;
  }

  private static int onFailure(Exception ex, CommandLine line) {
    if (Interruption.requested() || Interruption.causedBy(ex)) {
      // the interruption line is printed already; the failure is its consequence
      return Interruption.exitCode() == 0 ? FAILURE : Interruption.exitCode();
    }
    PrintWriter err = line.getErr();
    Throwable bad = badInput(ex);
    if (bad != null) {
      err.println("mlem: " + bad.getMessage());
      return BAD_INPUT;
    }
    err.println("mlem: failed: " + ex);
    ex.printStackTrace(err);
    return FAILURE;
  }

  /**
   * The user's mistake in the cause chain, if any, including bad input a Spark task reported
   * inside Spark's job failure ({@link FailureCauses#badInput}).
   */
  private static Throwable badInput(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UsageException || t instanceof InputException
          || t instanceof OutputExistsException) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return FailureCauses.badInput(ex);
  }

  /** The versions of mlem, Spark and Java. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mlem " + Provenance.projectVersion(),
          "Spark " + sparkVersion() + ", Scala " + scala.util.Properties.versionNumberString()
              + ", Java " + System.getProperty("java.version")};
    }

    private static String sparkVersion() {
      try {
        Class<?> pkg = Class.forName("org.apache.spark.package$");
        Object module = pkg.getField("MODULE$").get(null);
        return (String) pkg.getMethod("SPARK_VERSION").invoke(module);
      } catch (ReflectiveOperationException | LinkageError e) {
        return "unknown";
      }
    }
  }
}
