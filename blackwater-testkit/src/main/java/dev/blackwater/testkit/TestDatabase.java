package dev.blackwater.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One database of the test server: its JDBC URL and credentials. */
public record TestDatabase(
    PostgresServer server, String name, String jdbcUrl, String user, String password)
    implements AutoCloseable {

  /** A new connection (auto-commit on). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** Runs one or more SQL statements. */
  public void execute(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + sql, e);
    }
  }

  /** The first column of the first row of a query, as a long. */
  public long queryLong(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      if (!r.next()) {
        throw new IllegalStateException("no row: " + sql);
      }
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + sql, e);
    }
  }

  /** The first column of the first row of a query, as a string. */
  public String queryString(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      if (!r.next()) {
        throw new IllegalStateException("no row: " + sql);
      }
      return r.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + sql, e);
    }
  }

  /** Drops the database. */
  @Override
  public void close() {
    server.dropDatabase(name);
  }

  @Override
  public String toString() {
    return jdbcUrl;
  }
}
