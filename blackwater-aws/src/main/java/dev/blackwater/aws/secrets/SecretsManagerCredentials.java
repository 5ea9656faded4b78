package dev.blackwater.aws.secrets;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  /** The process's clients, one per endpoint ("" for AWS's), made on first use. */
  private static final Map<String, SecretsManagerClient> CLIENTS = new ConcurrentHashMap<>();

  private final SecretsManagerClient client;
  private final String role;
  private final String secretId;
  private DatabaseConfig kept;

  /**
   * @param role what the database is to the pipeline ("source", "warehouse")
   * @param secretId the secret's name or ARN
   */
  public SecretsManagerCredentials(SecretsManagerClient client, String role, String secretId) {
    requireSecretId(role, secretId);
    this.client = client;
    this.role = role;
    this.secretId = secretId;
  }

  /** The client this reads through (for tests: shared per endpoint). */
  SecretsManagerClient readsThrough() {
    return client;
  }

  /**
   * Credentials of the database playing {@code role} from secret {@code secretId}, read through the
   * process's shared client for {@code endpoint} (AWS's when empty; see {@link
   * dev.blackwater.aws.AwsEndpoint#parse}). The client is made on first use and reused by every
   * later call with the same endpoint for the life of the process, as AWS advises; it holds no
   * threads or pooled connections, so there is nothing to close.
   *
   * @throws BlackwaterException CONFIGURATION when {@code secretId} is blank or the client cannot
   *     be set up (no region)
   */
  public static SecretsManagerCredentials forSecret(
      String role, String secretId, Optional<URI> endpoint) {
    requireSecretId(role, secretId);
    SecretsManagerClient client =
        CLIENTS.computeIfAbsent(endpoint.map(URI::toString).orElse(""), k -> client(endpoint));
    return new SecretsManagerCredentials(client, role, secretId);
  }

  /**
   * A new Secrets Manager client (its caller closes it): region and credentials from the SDK's
   * standard chain, the JDK's URL connection as HTTP client, standard retries; an endpoint for a
   * compatible server.
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

  private static void requireSecretId(String role, String secretId) {
    if (secretId == null || secretId.isBlank()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "no Secrets Manager secret given for the " + role + " database");
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
