package dev.blackwater.cli;

import dev.blackwater.aws.AwsEndpoint;
import dev.blackwater.aws.secrets.SecretsManagerCredentials;
import dev.blackwater.config.DatabaseConfig;

/**
 * Database credentials from AWS Secrets Manager, for {@code --source-secret} and {@code
 * --warehouse-secret}: a JSON secret with host, port, database or dbname, user or username and
 * password. {@code BLACKWATER_SECRETS_ENDPOINT} (environment or {@code .env}) points at another
 * Secrets Manager endpoint; a value that is not an endpoint URL is a configuration error.
 */
final class SecretCredentials {

  static final String ENDPOINT_VARIABLE = "BLACKWATER_SECRETS_ENDPOINT";

  private SecretCredentials() {}

  static DatabaseConfig fetch(String role, String secretId) {
    String endpoint = EnvironmentDefaults.fromProcess().lookup(ENDPOINT_VARIABLE).orElse(null);
    return SecretsManagerCredentials.forSecret(
            role, secretId, AwsEndpoint.parse(ENDPOINT_VARIABLE, endpoint))
        .current();
  }
}
