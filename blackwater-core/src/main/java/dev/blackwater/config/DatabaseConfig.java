package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is and how to log in: a JDBC URL, a user and password beside it or
 * inside it, and how the connection is encrypted ({@link DatabaseTls}); {@link Database} opens
 * connections to it. {@link #toString()} never shows the password.
 *
 * @param role what the database is to the pipeline ("source", "warehouse"), used in messages
 */
public record DatabaseConfig(
    String role, String url, String user, String password, DatabaseTls tls) {

  private static final Pattern PASSWORD_IN_URL =
      Pattern.compile("(?i)(password=)[^&;]*|(//[^:/@]+:)[^@/]*@");

  /** A database with the driver's TLS defaults. */
  public DatabaseConfig(String role, String url, String user, String password) {
    this(role, url, user, password, DatabaseTls.driverDefault());
  }

  public DatabaseConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(tls, "tls");
    if (url == null || url.isBlank()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "no "
              + role
              + " database given: set --"
              + role
              + "-url or BLACKWATER_"
              + role.toUpperCase(java.util.Locale.ROOT)
              + "_URL (or --"
              + role
              + "-secret)");
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

  /** The same database and login with {@code newTls}. */
  public DatabaseConfig withTls(DatabaseTls newTls) {
    return new DatabaseConfig(role, url, user, password, newTls);
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

  static String redact(String text) {
    return PASSWORD_IN_URL
        .matcher(text)
        .replaceAll(m -> m.group(1) != null ? "$1***" : m.group(2).replace("$", "\\$") + "***@");
  }

  /** The user, for messages. */
  String effectiveUser() {
    return user == null || user.isBlank() ? "(from the URL)" : user;
  }

  @Override
  public String toString() {
    return role + " " + redactedUrl() + (user == null ? "" : " as " + user);
  }
}
