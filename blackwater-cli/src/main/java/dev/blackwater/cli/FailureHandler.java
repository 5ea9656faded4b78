package dev.blackwater.cli;

import dev.blackwater.error.ErrorCode;
import dev.blackwater.totesys.TotesysException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * Turns a failure into one clear line on stderr and an exit code; the stack trace only with {@code
 * --debug}.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
    ErrorCode code = codeOf(ex);
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    PrintWriter err = cli.getErr();
    if (code == ErrorCode.INTERNAL) {
      err.println("blackwater: unexpected failure: " + message);
      err.println("  (run again with --debug for the stack trace)");
    } else {
      err.println("blackwater: " + message);
    }
    if (debug(cli)) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.println(trace);
    }
    err.flush();
    return code.exitCode();
  }

  /** Whether the failed command was asked for debug output (option, environment or .env). */
  private static boolean debug(CommandLine cli) {
    try {
      return Composition.of(cli.getCommandSpec()).configuration(cli.getCommandSpec()).debug();
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  static ErrorCode codeOf(Throwable ex) {
    if (ex instanceof TotesysException t) {
      return switch (t.kind()) {
        case BAD_ARGUMENT -> ErrorCode.USAGE;
        default -> ErrorCode.CONFIGURATION;
      };
    }
    return ErrorCode.of(ex);
  }
}
