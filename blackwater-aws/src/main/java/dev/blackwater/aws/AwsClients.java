package dev.blackwater.aws;

import dev.blackwater.aws.lake.S3LakeStore;
import dev.blackwater.aws.secrets.SecretsManagerSecrets;
import dev.blackwater.config.AwsSettings;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeStores;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS clients of one process, built once from explicit settings ({@link AwsSettings}: region,
 * endpoints) by the composition root (the command line's {@code Main}, a Lambda handler's
 * constructor), each on first use: a process that never touches S3 needs no region. Every client
 * gets the same configuration: the one credentials chain, the JDK's URL connection as HTTP client
 * (no threads, nothing to close), the standard retry strategy, an endpoint override when set.
 */
public final class AwsClients {

  /** Attempts per S3 request, the first included, before a throttled or failed one gives up. */
  public static final int S3_ATTEMPTS = 6;

  private final AwsSettings settings;
  private final RetryStrategy s3Retries;
  private final AwsCredentialsProvider credentials;
  private S3Client s3;
  private SecretsManagerClient secretsManager;

  public AwsClients(AwsSettings settings) {
    this(
        settings,
        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(S3_ATTEMPTS).build());
  }

  /** Clients whose S3 requests retry with {@code s3Retries} (tests use a quick one). */
  public AwsClients(AwsSettings settings, RetryStrategy s3Retries) {
    this.settings = settings;
    this.s3Retries = s3Retries;
    this.credentials = DefaultCredentialsProvider.builder().build();
  }

  /** The S3 client; an endpoint override is addressed path-style (MinIO, a test server). */
  public synchronized S3Client s3() {
    if (s3 == null) {
      s3 =
          build(
              "S3",
              S3Client.builder().forcePathStyle(settings.s3Endpoint().isPresent()),
              settings.s3Endpoint(),
              Duration.ofSeconds(60),
              s3Retries);
    }
    return s3;
  }

  /** The Secrets Manager client. */
  public synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      secretsManager =
          build(
              "Secrets Manager",
              SecretsManagerClient.builder(),
              settings.secretsEndpoint(),
              Duration.ofSeconds(30),
              AwsRetryStrategy.standardRetryStrategy());
    }
    return secretsManager;
  }

  /** Local and {@code s3://} zones, the latter on this process's S3 client. */
  public LakeStores lakeStores() {
    return LakeStores.local().with("s3", uri -> new S3LakeStore(s3(), uri));
  }

  /** Database credentials from Secrets Manager, on this process's client. */
  public SecretReader secrets() {
    return new SecretsManagerSecrets(this::secretsManager);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      String service,
      B builder,
      Optional<URI> endpoint,
      Duration socketTimeout,
      RetryStrategy retries) {
    builder
        .credentialsProvider(credentials)
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(socketTimeout)
                .build())
        .overrideConfiguration(o -> o.retryStrategy(retries));
    settings.region().map(Region::of).ifPresent(builder::region);
    endpoint.ifPresent(builder::endpointOverride);
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "cannot set up the "
              + service
              + " client: "
              + e.getMessage()
              + " (set "
              + Settings.AWS_REGION.names()
              + " or AWS_REGION, and credentials through the usual AWS chain)",
          e);
    }
  }
}
