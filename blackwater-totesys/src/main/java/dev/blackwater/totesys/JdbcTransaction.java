package dev.blackwater.totesys;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one database transaction: commit on success, roll back on any failure. */
final class JdbcTransaction {

  /** Work that runs inside the transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  private JdbcTransaction() {}

  /**
   * Runs {@code work} and commits. A connection in auto-commit mode is switched out of it for the
   * duration and back afterwards; one already inside a transaction has that transaction committed
   * (or rolled back) with the work.
   */
  static <T> T run(Connection connection, Work<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    }
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      if (autoCommit) {
        connection.setAutoCommit(true);
      }
    }
  }
}
