package dev.blackwater.cli;

import dev.blackwater.error.ErrorCode;
import dev.blackwater.totesys.TotesysException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line on stderr and an exit code; the stack trace only with {@code
 * --debug}.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    ErrorCode code = codeOf(ex);
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    PrintWriter err = cli.getErr();
    if (code == ErrorCode.INTERNAL) {
      err.println("blackwater: unexpected failure: " + message);
      err.println("  (run again with --debug for the stack trace)");
    } else {
      err.println("blackwater: " + message);
    }
    if ("DEBUG".equals(System.getProperty("blackwater.log.level")) || anyDebug(parsed)) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.println(trace);
    }
    err.flush();
    return code.exitCode();
  }

  private static boolean anyDebug(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
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
