package dev.blackwater.aws.secrets;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Database credentials from AWS Secrets Manager secrets (see {@link DatabaseSecret} for their
 * shape), read through the process's client, which is asked for on the first read. Core's {@code
 * Credentials} keeps what was read and reads again after a rotation.
 */
public final class SecretsManagerSecrets implements SecretReader {

  private final Supplier<SecretsManagerClient> client;

  public SecretsManagerSecrets(Supplier<SecretsManagerClient> client) {
    this.client = client;
  }

  @Override
  public DatabaseConfig read(String role, String secretId) {
    return read(role, secretId, null);
  }

  /** The secret's database, host, port and database from {@code url} where the secret has none. */
  @Override
  public DatabaseConfig read(String role, String secretId, String url) {
    if (secretId == null || secretId.isBlank()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "no Secrets Manager secret given for the " + role + " database");
    }
    GetSecretValueResponse response;
    try {
      response = client.get().getSecretValue(r -> r.secretId(secretId));
    } catch (ResourceNotFoundException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "secret " + secretId + " (" + role + " database) does not exist, or has no value yet",
          e);
    } catch (SecretsManagerException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (e.statusCode() == 403 || code.contains("AccessDenied")) {
        throw new BlackwaterException(
            ErrorCode.CONNECTION,
            "access denied reading secret "
                + secretId
                + " ("
                + role
                + " database): check the role's secretsmanager:GetSecretValue permission",
            e);
      }
      throw new BlackwaterException(
          ErrorCode.CONNECTION,
          "cannot read secret " + secretId + " (" + role + " database): " + code,
          e);
    } catch (SdkException e) {
      throw new BlackwaterException(
          ErrorCode.CONNECTION,
          "cannot reach Secrets Manager to read secret "
              + secretId
              + " ("
              + role
              + " database): "
              + e.getMessage(),
          e);
    }
    if (response.secretString() == null) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "secret " + secretId + " (" + role + " database) holds binary data, not JSON text");
    }
    return DatabaseSecret.parse(role, secretId, response.secretString(), url);
  }
}
