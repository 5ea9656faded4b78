package dev.blackwater.duckdb;

import dev.blackwater.Sql;
import dev.blackwater.config.MemoryLimit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * An in-memory DuckDB database (no file) for one batch: bounded memory, spilling to the workspace,
 * and nothing ever downloaded (extension auto-install and auto-load off; Parquet and CSV are built
 * into the driver).
 */
public final class DuckDbSession implements AutoCloseable {

  private final Connection connection;

  /**
   * An in-memory DuckDB that downloads nothing (extension auto-install and auto-load off), keeps to
   * {@code memoryLimit} and spills into {@code spill}.
   */
  public DuckDbSession(String memoryLimit, int threads, Path spill) throws SQLException {
    Properties properties = new Properties();
    // rows reach a reader as DuckDB produces them, not once the whole result is in memory
    properties.setProperty("jdbc_stream_results", "true");
    connection = DriverManager.getConnection("jdbc:duckdb:", properties);
    try {
      execute("SET autoinstall_known_extensions = false");
      execute("SET autoload_known_extensions = false");
      execute("SET memory_limit = " + Sql.literal(MemoryLimit.normalize(memoryLimit)));
      execute("SET threads = " + Math.max(1, threads));
      execute("SET temp_directory = " + Sql.literal(spill.toString()));
      execute("SET preserve_insertion_order = false");
      // casts between local and zoned times never take the machine's zone
      execute("SET TimeZone = 'UTC'");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Runs statements that return no rows. */
  public void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Runs a statement and returns how many rows it changed or wrote. */
  public long update(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }

  /** The first column of the only row of a query. */
  public long queryLong(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Every row of a query, each as its columns' text. */
  public List<List<String>> query(String sql) throws SQLException {
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

  /**
   * Another connection to the same database, for work in parallel on another thread (each
   * connection runs one statement at a time); the caller closes it.
   */
  public Connection newConnection() throws SQLException {
    Connection another = ((DuckDBConnection) connection).duplicate();
    try (Statement s = another.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
    } catch (SQLException e) {
      another.close();
      throw e;
    }
    return another;
  }

  /** The JDBC connection, for prepared statements. */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
