package dev.blackwater.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** The {@code blackwater} command. */
public final class Main {

  static final String S3_ENDPOINT_VARIABLE = "BLACKWATER_S3_ENDPOINT";
  static final String S3_ENDPOINT_PROPERTY = "blackwater.s3.endpoint";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Clock.systemUTC(), args));
  }

  /**
   * Runs one command line on the process's standard streams, reading "now" from {@code clock}, and
   * returns its exit code.
   */
  public static int run(Clock clock, String... args) {
    LogSetup.beforeFirstLogger(args);
    return commandLine(
            new PrintWriter(System.out, true, System.out.charset()),
            new PrintWriter(System.err, true, System.err.charset()),
            clock)
        .execute(args);
  }

  /** The configured command line, writing to the given streams. */
  /**
   * The configured command line, writing to the given streams and reading time from {@code clock}.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, Clock clock) {
    CommandLine cli = new CommandLine(new BlackwaterCommand(clock));
    cli.setOut(out);
    cli.setErr(err);
    EnvironmentDefaults defaults = EnvironmentDefaults.fromProcess();
    cli.setDefaultValueProvider(defaults);
    s3EndpointFrom(defaults);
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  /**
   * {@code BLACKWATER_S3_ENDPOINT} from the environment or {@code .env}, like every other setting:
   * handed to the S3 lake store (which reads the environment, then this system property) unless a
   * {@code -Dblackwater.s3.endpoint} already names one.
   */
  private static void s3EndpointFrom(EnvironmentDefaults defaults) {
    if (System.getProperty(S3_ENDPOINT_PROPERTY) == null) {
      defaults
          .lookup(S3_ENDPOINT_VARIABLE)
          .ifPresent(value -> System.setProperty(S3_ENDPOINT_PROPERTY, value));
    }
  }
}
