package dev.blackwater.config;

import java.util.Optional;

/**
 * Where a database's credentials come from, as configured: a URL with a user and password beside it
 * or inside it, or a secret that holds them (whose fields win when both are given; a secret with
 * only a user and password, as RDS manages them, takes host, port and database from the URL), and
 * how its connections are encrypted.
 *
 * @param role what the database is to the pipeline ("source", "warehouse")
 * @param tls the connections' TLS, whatever the credentials come from
 */
public record DatabaseSettings(
    String role,
    String url,
    String user,
    String password,
    Optional<String> secretId,
    DatabaseTls tls) {

  /** A database given outright. */
  public static DatabaseSettings of(DatabaseConfig database) {
    return new DatabaseSettings(
        database.role(),
        database.url(),
        database.user(),
        database.password(),
        Optional.empty(),
        database.tls());
  }

  /** Whether anything names this database. */
  public boolean configured() {
    return secretId.isPresent() || url != null && !url.isBlank();
  }

  /**
   * The credentials, read through {@code secrets} when a secret names them.
   *
   * @throws dev.blackwater.error.BlackwaterException CONFIGURATION when nothing names the database,
   *     the URL is not a PostgreSQL JDBC URL ({@link DatabaseConfig}) or the CA bundle is missing
   */
  public Credentials credentials(SecretReader secrets) {
    if (secretId.isPresent()) {
      tls.check();
      return Credentials.fromSecret(role, secretId.get(), secrets, url, tls);
    }
    DatabaseConfig database = new DatabaseConfig(role, url, user, password, tls);
    tls.check();
    return Credentials.fixed(database);
  }

  @Override
  public String toString() {
    return secretId
        .map(id -> role + " from secret " + id)
        .orElseGet(
            () ->
                configured()
                    ? new DatabaseConfig(role, url, user, password).toString()
                    : role + " (not configured)");
  }
}
