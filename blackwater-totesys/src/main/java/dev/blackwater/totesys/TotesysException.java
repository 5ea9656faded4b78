package dev.blackwater.totesys;

import java.io.Serial;
import java.util.Objects;

/** A totesys operation that cannot go ahead; {@link #kind()} tells the caller why. */
public final class TotesysException extends RuntimeException {

  @Serial private static final long serialVersionUID = 1L;

  /** Why an operation was refused; the command line maps each kind to an exit code. */
  public enum Kind {
    /** The tables ({@code create}) or their rows ({@code seed}) are already there. */
    SCHEMA_EXISTS,
    /**
     * Tables ({@code seed}, {@code simulate}) or the seeded rows ({@code simulate}) are missing.
     */
    SCHEMA_MISSING,
    /** An option is out of range (scale, number of changes). */
    BAD_ARGUMENT
  }

  private final Kind kind;

  /** An exception of the given kind with a message meant for the user. */
  public TotesysException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** An exception of the given kind, caused by {@code cause}. */
  public TotesysException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Why the operation was refused. */
  public Kind kind() {
    return kind;
  }
}
