package dev.blackwater.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** The {@code blackwater} command: the composition root of the command line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Composition.forProcess(Clock.systemUTC()), args));
  }

  /**
   * Runs one command line on the process's standard streams, after choosing the logging from {@code
   * --log-format} and {@code --debug} (or their variables), and returns its exit code.
   */
  public static int run(Composition composition, String... args) {
    LogSetup.beforeFirstLogger(composition, args);
    return commandLine(
            new PrintWriter(System.out, true, System.out.charset()),
            new PrintWriter(System.err, true, System.err.charset()),
            composition)
        .execute(args);
  }

  /** The configured command line, writing to the given streams. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, Composition composition) {
    CommandLine cli = new CommandLine(new BlackwaterCommand(composition));
    SettingOptions.addTo(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setDefaultValueProvider(composition.optionDefaults());
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }
}
