package dev.blackwater.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes. */
public final class GlobalOptions {

  /** How log lines look. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  @Option(
      names = "--log-format",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      description = "Log lines as readable text (default) or JSON lines.")
  LogFormat logFormat = LogFormat.TEXT;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Debug logging, and stack traces on failure.")
  boolean debug;
}
