package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is and how to log in: a JDBC URL, and a user and password beside it
 * or inside it. {@link #toString()} never shows the password.
 *
 * @param role what the database is to the pipeline ("source", "warehouse"), used in messages
 */
public record DatabaseConfig(String role, String url, String user, String password) {

  private static final Pattern PASSWORD_IN_URL =
      Pattern.compile("(?i)(password=)[^&;]*|(//[^:/@]+:)[^@/]*@");

  public DatabaseConfig {
    Objects.requireNonNull(role, "role");
    if (url == null || url.isBlank()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "no "
              + role
              + " database given: set --"
              + role
              + "-url or BLACKWATER_"
              + role.toUpperCase(java.util.Locale.ROOT)
              + "_URL");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "the "
              + role
              + " URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got "
              + redact(url));
    }
  }

  /** The URL with any password in it replaced by {@code ***}. */
  public String redactedUrl() {
    return redact(url);
  }

  /** {@code host:port/database}, for messages. */
  public String location() {
    try {
      URI uri = URI.create(url.substring("jdbc:".length()));
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      return uri.getHost() + port + uri.getPath();
    } catch (IllegalArgumentException e) {
      return redactedUrl();
    }
  }

  /**
   * Opens a connection, turning the driver's failures into one clear line: unreachable, refused
   * credentials, missing database.
   */
  public Connection open() {
    Properties props = new Properties();
    if (user != null && !user.isBlank()) {
      props.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "blackwater");
    props.setProperty("connectTimeout", "10");
    try {
      Connection connection = DriverManager.getConnection(url, props);
      try (Statement s = connection.createStatement()) {
        // the driver sends the JVM's default zone; Blackwater's data is UTC whatever the machine
        s.execute("SET TimeZone = 'UTC'");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return connection;
    } catch (SQLException e) {
      throw connectionFailure(e);
    }
  }

  /**
   * SQL states of a database whose tables do not fit the contract: an undefined table or column, a
   * column of another type, a value that cannot be coerced. With data exceptions (class 22),
   * integrity violations (class 23) and a cardinality violation (21000: one key given twice in a
   * merge) they are data-quality failures.
   */
  private static final Set<String> SCHEMA_MISMATCH = Set.of("42P01", "42703", "42804", "42846");

  /** Maps a driver failure met while connecting or working to a {@link BlackwaterException}. */
  public BlackwaterException connectionFailure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = "the " + role + " database at " + location();
    String reason = redact(String.valueOf(e.getMessage()));
    if (state.startsWith("28")) {
      return new BlackwaterException(
          ErrorCode.CONNECTION,
          where + " refused the credentials of user '" + effectiveUser() + "'",
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

  private String effectiveUser() {
    return user == null || user.isBlank() ? "(from the URL)" : user;
  }

  static String redact(String text) {
    return PASSWORD_IN_URL
        .matcher(text)
        .replaceAll(m -> m.group(1) != null ? "$1***" : m.group(2).replace("$", "\\$") + "***@");
  }

  @Override
  public String toString() {
    return role + " " + redactedUrl() + (user == null ? "" : " as " + user);
  }
}
