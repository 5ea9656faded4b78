package dev.blackwater.error;

/**
 * What kind of failure stopped a command; each kind has its own process exit code, documented in
 * the README.
 */
public enum ErrorCode {
  /** A bug or an unexpected failure. */
  INTERNAL(1),
  /** A command line that does not parse, or an argument out of range. */
  USAGE(2),
  /** Bad configuration: a missing or malformed option, URI, table list. */
  CONFIGURATION(3),
  /** A database or lake that cannot be reached, or refuses the credentials or permissions. */
  CONNECTION(4),
  /** Data that breaks a contract: a checksum, a type, a schema, a reconciliation. */
  DATA_QUALITY(5),
  /** Another run got there first (a batch claimed or committed concurrently). */
  CONCURRENCY(6),
  /**
   * More of a table's keys vanished from the source in one run than {@code --max-delete-share}
   * allows, or a table became empty: nothing was written until {@code --allow-mass-delete}.
   */
  MASS_DELETE(7);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  /**
   * The kind of {@code failure}: its own for a {@link BlackwaterException}, CONNECTION for a lake
   * zone or temp directory that cannot be read or written ({@link java.io.UncheckedIOException}),
   * INTERNAL for anything else. The CLI, the run log and the Lambda handlers all classify this way.
   */
  public static ErrorCode of(Throwable failure) {
    if (failure instanceof BlackwaterException b) {
      return b.code();
    }
    if (failure instanceof java.io.UncheckedIOException) {
      return CONNECTION;
    }
    return INTERNAL;
  }

  /** The process exit code for this kind of failure. */
  public int exitCode() {
    return exitCode;
  }
}
