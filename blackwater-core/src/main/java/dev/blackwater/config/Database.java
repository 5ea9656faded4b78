package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * A PostgreSQL database the pipeline works with: opens connections to it (each in UTC) and turns
 * the driver's failures into one clear {@link BlackwaterException} with the right {@link
 * ErrorCode}.
 */
public final class Database {

  /**
   * SQL states of a database whose tables do not fit the contract: an undefined table or column, a
   * column of another type, a value that cannot be coerced. With data exceptions (class 22),
   * integrity violations (class 23) and a cardinality violation (21000: one key given twice in a
   * merge) they are data-quality failures.
   */
  private static final Set<String> SCHEMA_MISMATCH = Set.of("42P01", "42703", "42804", "42846");

  /**
   * PostgreSQL's driver, called directly: through {@code DriverManager} every JDBC driver on the
   * class path would be loaded and initialised first (DuckDB's among them), in every process.
   */
  private static final Driver DRIVER = new org.postgresql.Driver();

  private final DatabaseConfig config;

  public Database(DatabaseConfig config) {
    this.config = config;
  }

  /** Where the database is and how to log in. */
  public DatabaseConfig config() {
    return config;
  }

  /** {@code host:port/database}, for messages. */
  public String location() {
    return config.location();
  }

  /** Work on a connection that may fail with the driver's exception. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a new connection, closed afterwards; its failures classified. */
  public <T> T withConnection(SqlWork<T> work) {
    try (Connection connection = open()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Opens a connection, turning the driver's failures into one clear line: unreachable, refused
   * credentials, missing database.
   */
  public Connection open() {
    Properties props = new Properties();
    if (config.user() != null && !config.user().isBlank()) {
      props.setProperty("user", config.user());
    }
    if (config.password() != null && !config.password().isEmpty()) {
      props.setProperty("password", config.password());
    }
    props.setProperty("ApplicationName", "blackwater");
    props.setProperty("connectTimeout", "10");
    config.tls().applyTo(props);
    try {
      Connection connection = DRIVER.connect(config.url(), props);
      try (Statement s = connection.createStatement()) {
        // the driver sends the JVM's default zone; Blackwater's data is UTC whatever the machine
        s.execute("SET TimeZone = 'UTC'");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return connection;
    } catch (SQLException e) {
      throw new TlsFailure(config).of(e).orElseGet(() -> failure(e));
    }
  }

  /** Maps a driver failure met while connecting or working to a {@link BlackwaterException}. */
  public BlackwaterException failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = "the " + config.role() + " database at " + config.location();
    String reason = DatabaseConfig.redact(String.valueOf(e.getMessage()));
    if (state.startsWith("28")) {
      return new BlackwaterException(
          ErrorCode.CONNECTION,
          where + " refused the credentials of user '" + config.effectiveUser() + "'",
          e);
    }
    if (state.equals("3D000")) {
      return new BlackwaterException(ErrorCode.CONNECTION, where + " does not exist", e);
    }
    if (state.equals("42501")) {
      return new BlackwaterException(
          ErrorCode.CONNECTION, "permission denied on " + where + ": " + reason, e);
    }
    if (SCHEMA_MISMATCH.contains(state)
        || state.startsWith("22")
        || state.startsWith("23")
        || state.equals("21000")) {
      return new BlackwaterException(ErrorCode.DATA_QUALITY, where + ": " + reason, e);
    }
    if (state.startsWith("42")) {
      // a syntax error or an unknown function in Blackwater's own SQL: a bug, not the data
      return new BlackwaterException(ErrorCode.INTERNAL, where + ": " + reason, e);
    }
    if (state.startsWith("08") || state.isEmpty()) {
      return new BlackwaterException(
          ErrorCode.CONNECTION, "cannot reach " + where + ": " + reason, e);
    }
    return new BlackwaterException(ErrorCode.CONNECTION, where + ": " + reason, e);
  }

  @Override
  public String toString() {
    return config.toString();
  }
}
