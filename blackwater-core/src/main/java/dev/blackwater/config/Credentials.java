package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A database's credentials: given outright, or read from a secret on first use and kept, read again
 * on demand. After a rotation the kept ones stop working, and {@link #withCredentials} reads the
 * secret again, once, so a rotation never fails a run.
 */
public final class Credentials {

  private final String description;
  private final Supplier<DatabaseConfig> reader;
  private final boolean rereadable;
  private DatabaseConfig kept;

  private Credentials(String description, Supplier<DatabaseConfig> reader, boolean rereadable) {
    this.description = description;
    this.reader = reader;
    this.rereadable = rereadable;
  }

  /** Credentials given outright (a URL, user and password). */
  public static Credentials fixed(DatabaseConfig database) {
    return new Credentials(database.toString(), () -> database, false);
  }

  /** Credentials read from secret {@code secretId} through {@code secrets}, on first use. */
  public static Credentials fromSecret(String role, String secretId, SecretReader secrets) {
    return fromSecret(role, secretId, secrets, null, DatabaseTls.driverDefault());
  }

  /**
   * Credentials read from secret {@code secretId}, on first use; what the secret lacks of the
   * database's location comes from {@code url} (may be null), and connections use {@code tls}.
   */
  public static Credentials fromSecret(
      String role, String secretId, SecretReader secrets, String url, DatabaseTls tls) {
    return new Credentials(
        "secret " + secretId + " (" + role + " database)",
        () -> secrets.read(role, secretId, url).withTls(tls),
        true);
  }

  /** The credentials, read on first use and then kept. */
  public synchronized DatabaseConfig current() {
    if (kept == null) {
      kept = reader.get();
    }
    return kept;
  }

  /** Reads the credentials again, replacing the kept ones. */
  public synchronized DatabaseConfig refresh() {
    kept = reader.get();
    return kept;
  }

  /**
   * Drops the kept credentials, so that the next {@link #current()} reads them again (after a
   * SnapStart restore nothing read before the snapshot is trusted).
   */
  public synchronized void forget() {
    kept = null;
  }

  /**
   * Runs {@code work} with the current credentials; if the database refuses credentials read from a
   * secret (SQLSTATE class 28, as after a rotation), reads the secret again and runs it once more.
   */
  public <T> T withCredentials(Function<DatabaseConfig, T> work) {
    try {
      return work.apply(current());
    } catch (BlackwaterException e) {
      if (!rereadable || !refusedCredentials(e)) {
        throw e;
      }
      return work.apply(refresh());
    }
  }

  /** Whether a failure is the database refusing the credentials. */
  public static boolean refusedCredentials(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("28")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return description;
  }
}
