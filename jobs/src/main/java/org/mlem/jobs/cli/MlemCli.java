package org.mlem.jobs.cli;

/** Placeholder entry point until the command line lands; prints usage. */
public final class MlemCli {
  private MlemCli() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.err.println("mlem: the Spark command line is not built yet");
    System.exit(2);
  }
}
