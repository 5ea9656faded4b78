package dev.blackwater.aws.secrets;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * A database's credentials from an AWS Secrets Manager secret (see {@link DatabaseSecret} for its
 * shape). Read on first use, kept for the life of the container, read again by {@link #refresh()}.
 * Nothing is read at construction, so a SnapStart snapshot holds no secret.
 */
public final class SecretsManagerCredentials implements CredentialSource {

  private final SecretsManagerClient client;
  private final String role;
  private final String secretId;
  private DatabaseConfig kept;

  /**
   * @param role what the database is to the pipeline ("source", "warehouse")
   * @param secretId the secret's name or ARN
   */
  public SecretsManagerCredentials(SecretsManagerClient client, String role, String secretId) {
    if (secretId == null || secretId.isBlank()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "no Secrets Manager secret given for the " + role + " database");
    }
    this.client = client;
    this.role = role;
    this.secretId = secretId;
  }

  /**
   * A Secrets Manager client: region and credentials from the SDK's standard chain, the JDK's URL
   * connection as HTTP client, standard retries; an endpoint for a compatible server.
   */
  public static SecretsManagerClient client(Optional<URI> endpoint) {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()));
    endpoint.ifPresent(builder::endpointOverride);
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "cannot set up the Secrets Manager client: "
              + e.getMessage()
              + " (set AWS_REGION, and credentials through the usual AWS chain)",
          e);
    }
  }

  @Override
  public synchronized DatabaseConfig current() {
    if (kept == null) {
      kept = read();
    }
    return kept;
  }

  @Override
  public synchronized DatabaseConfig refresh() {
    kept = read();
    return kept;
  }

  @Override
  public synchronized void forget() {
    kept = null;
  }

  private DatabaseConfig read() {
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(r -> r.secretId(secretId));
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
    return DatabaseSecret.parse(role, secretId, response.secretString());
  }

  @Override
  public String toString() {
    return "secret " + secretId + " (" + role + " database)";
  }
}
