package dev.blackwater.cli;

import dev.blackwater.aws.secrets.SecretsManagerCredentials;
import dev.blackwater.config.DatabaseConfig;
import java.net.URI;
import java.util.Optional;

/**
 * Database credentials from AWS Secrets Manager, for {@code --source-secret} and {@code
 * --warehouse-secret}: a JSON secret with host, port, database or dbname, user or username and
 * password. {@code BLACKWATER_SECRETS_ENDPOINT} points at another Secrets Manager endpoint.
 */
final class SecretCredentials {

  private SecretCredentials() {}

  static DatabaseConfig fetch(String role, String secretId) {
    Optional<URI> endpoint =
        Optional.ofNullable(System.getenv("BLACKWATER_SECRETS_ENDPOINT"))
            .filter(s -> !s.isBlank())
            .map(URI::create);
    return new SecretsManagerCredentials(SecretsManagerCredentials.client(endpoint), role, secretId)
        .current();
  }
}
