package dev.blackwater.transform;

import dev.blackwater.config.TransformSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory DuckDB database (no file) for one batch: bounded memory, spilling to the workspace,
 * and nothing ever downloaded (extension auto-install and auto-load off; Parquet and CSV are built
 * into the driver).
 */
final class DuckDbSession implements AutoCloseable {

  private final Connection connection;

  DuckDbSession(TransformSettings settings, Path spill) throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try {
      execute("SET autoinstall_known_extensions = false");
      execute("SET autoload_known_extensions = false");
      execute("SET memory_limit = " + Quoting.literal(settings.memoryLimit()));
      execute("SET threads = " + settings.threads());
      execute("SET temp_directory = " + Quoting.literal(spill.toString()));
      execute("SET preserve_insertion_order = false");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Runs statements that return no rows. */
  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Runs a statement and returns how many rows it changed or wrote. */
  long update(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }

  /** The first column of the only row of a query. */
  long queryLong(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Every row of a query, each as its columns' text. */
  List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The JDBC connection, for prepared statements. */
  Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
