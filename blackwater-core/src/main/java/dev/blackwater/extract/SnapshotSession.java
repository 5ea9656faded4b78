package dev.blackwater.extract;

import dev.blackwater.Sql;
import dev.blackwater.config.Database;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code REPEATABLE READ, READ ONLY} snapshot of the source, shared by several connections: the
 * first exports it with {@code pg_export_snapshot()}, the others import it with {@code SET
 * TRANSACTION SNAPSHOT}, so every table of a batch is read as of the same instant.
 */
final class SnapshotSession implements AutoCloseable {

  private final Database source;
  private final Connection coordinator;
  private final String snapshotId;
  private final String snapshotTime;
  private final List<Connection> workers = new ArrayList<>();
  private final Object before;

  /** Something read on the coordinator just before the snapshot is taken. */
  @FunctionalInterface
  interface Before<T> {
    T read(Connection connection) throws SQLException;
  }

  SnapshotSession(Database source) throws SQLException {
    this(source, c -> null);
  }

  /**
   * @param before read on the coordinator before the snapshot is taken (what it reads happened
   *     before the snapshot); {@link #before()} returns it
   */
  SnapshotSession(Database source, Before<?> before) throws SQLException {
    this.source = source;
    this.coordinator = source.open();
    boolean ready = false;
    try {
      prepare(coordinator);
      this.before = before.read(coordinator);
      try (Statement s = coordinator.createStatement()) {
        s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        try (ResultSet r =
            s.executeQuery(
                "SELECT pg_export_snapshot(), to_char(localtimestamp,"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US')")) {
          r.next();
          snapshotId = r.getString(1);
          if (!snapshotId.matches("[0-9A-Fa-f-]+")) {
            throw new SQLException("unexpected snapshot id from the server: " + snapshotId);
          }
          snapshotTime = r.getString(2);
        }
      }
      ready = true;
    } finally {
      if (!ready) {
        coordinator.close();
      }
    }
  }

  /** What was read before the snapshot. */
  @SuppressWarnings("unchecked")
  <T> T before() {
    return (T) before;
  }

  /** The connection that exported the snapshot (for catalogue reads). */
  Connection coordinator() {
    return coordinator;
  }

  /** The source's clock when the snapshot was taken. */
  String snapshotTime() {
    return snapshotTime;
  }

  /** A new connection reading the shared snapshot; closed with the session. */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification =
          "SET TRANSACTION SNAPSHOT takes no parameters; the id is the server's own,"
              + " checked against the snapshot-id format")
  synchronized Connection worker() throws SQLException {
    Connection worker = source.open();
    workers.add(worker);
    prepare(worker);
    try (Statement s = worker.createStatement()) {
      // one round trip
      s.execute(
          "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT "
              + Sql.literal(snapshotId));
    }
    return worker;
  }

  private static void prepare(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement s = connection.createStatement()) {
      // one round trip
      s.execute(
          "SET DateStyle = ISO, YMD; SET IntervalStyle = postgres; SET extra_float_digits = 3");
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    SQLException failure = null;
    for (Connection c : workers) {
      failure = closeQuietly(c, failure);
    }
    failure = closeQuietly(coordinator, failure);
    if (failure != null) {
      throw failure;
    }
  }

  private static SQLException closeQuietly(Connection c, SQLException failure) {
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException e) {
      // the transaction is gone with the connection anyway
    }
    try {
      c.close();
    } catch (SQLException e) {
      if (failure == null) {
        return e;
      }
      failure.addSuppressed(e);
    }
    return failure;
  }
}
