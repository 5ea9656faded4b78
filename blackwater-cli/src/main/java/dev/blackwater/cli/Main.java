package dev.blackwater.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code blackwater} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    LogSetup.beforeFirstLogger(args);
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (the tests call this). */
  public static int run(String... args) {
    return commandLine(
            new PrintWriter(System.out, true, System.out.charset()),
            new PrintWriter(System.err, true, System.err.charset()))
        .execute(args);
  }

  /** The configured command line, writing to the given streams. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new BlackwaterCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setDefaultValueProvider(EnvironmentDefaults.fromProcess());
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }
}
