package dev.blackwater.config;

import java.util.Optional;

/**
 * Where a database's credentials come from, as configured: a URL with a user and password beside it
 * or inside it, or a secret that holds them all (which wins when both are given).
 *
 * @param role what the database is to the pipeline ("source", "warehouse")
 */
public record DatabaseSettings(
    String role, String url, String user, String password, Optional<String> secretId) {

  /** A database given outright. */
  public static DatabaseSettings of(DatabaseConfig database) {
    return new DatabaseSettings(
        database.role(), database.url(), database.user(), database.password(), Optional.empty());
  }

  /** Whether anything names this database. */
  public boolean configured() {
    return secretId.isPresent() || url != null && !url.isBlank();
  }

  /**
   * The credentials, read through {@code secrets} when a secret names them.
   *
   * @throws dev.blackwater.error.BlackwaterException CONFIGURATION when nothing names the database
   *     or the URL is not a PostgreSQL JDBC URL ({@link DatabaseConfig})
   */
  public Credentials credentials(SecretReader secrets) {
    if (secretId.isPresent()) {
      return Credentials.fromSecret(role, secretId.get(), secrets);
    }
    return Credentials.fixed(new DatabaseConfig(role, url, user, password));
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
