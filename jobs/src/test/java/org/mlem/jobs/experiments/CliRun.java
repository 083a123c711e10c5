package org.mlem.jobs.experiments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.mlem.jobs.cli.MlemCli;

/** Runs the mlem command line in-process and captures its exit code and output. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new CliRun(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }
}
