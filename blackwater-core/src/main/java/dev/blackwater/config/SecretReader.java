package dev.blackwater.config;

/**
 * Reads a database's credentials from a secrets store (the AWS module's Secrets Manager); the port
 * through which {@link Credentials} follow a secret.
 */
@FunctionalInterface
public interface SecretReader {

  /**
   * The database that secret {@code secretId} describes.
   *
   * @param role what the database is to the pipeline ("source", "warehouse"), for messages
   */
  DatabaseConfig read(String role, String secretId);

  /**
   * The database that secret {@code secretId} describes, with host, port and database taken from
   * {@code url} (a JDBC URL, may be null) where the secret has none: an RDS-managed secret holds
   * only the user and password. A reader that cannot combine them ignores {@code url}.
   */
  default DatabaseConfig read(String role, String secretId, String url) {
    return read(role, secretId);
  }

  /** For a process that has no secrets store: naming a secret is a configuration error. */
  static SecretReader none() {
    return (role, secretId) -> {
      throw new dev.blackwater.error.BlackwaterException(
          dev.blackwater.error.ErrorCode.CONFIGURATION,
          "the "
              + role
              + " database is named by secret "
              + secretId
              + ", but no secrets store"
              + " is configured here");
    };
  }
}
