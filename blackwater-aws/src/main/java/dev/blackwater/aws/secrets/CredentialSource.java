package dev.blackwater.aws.secrets;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Where a database's credentials come from, read once and kept, read again on demand: after a
 * rotation the kept ones stop working, and {@link #withCredentials} reads them again once.
 */
public interface CredentialSource {

  /** The credentials, read on first use and then kept. */
  DatabaseConfig current();

  /** Reads the credentials again, replacing the kept ones. */
  DatabaseConfig refresh();

  /**
   * Drops the kept credentials, so that the next {@link #current()} reads them again (after a
   * SnapStart restore nothing read before the snapshot is trusted).
   */
  default void forget() {}

  /**
   * Runs {@code work} with the current credentials; if the database refuses them (SQLSTATE class
   * 28, as after a rotation), reads them again and runs it once more.
   */
  default <T> T withCredentials(Function<DatabaseConfig, T> work) {
    try {
      return work.apply(current());
    } catch (BlackwaterException e) {
      if (!refusedCredentials(e)) {
        throw e;
      }
      return work.apply(refresh());
    }
  }

  /** Whether a failure is the database refusing the credentials. */
  static boolean refusedCredentials(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("28")) {
        return true;
      }
    }
    return false;
  }
}
