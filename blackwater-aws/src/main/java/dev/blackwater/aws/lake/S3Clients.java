package dev.blackwater.aws.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client Blackwater uses: region and credentials from the SDK's standard chain, the
 * JDK's URL connection as HTTP client, and the standard retry strategy (exponential backoff with
 * jitter, a longer backoff on throttling), with more attempts than the SDK's default three.
 */
public final class S3Clients {

  /** Attempts per request, the first included, before a throttled or failed request gives up. */
  public static final int MAX_ATTEMPTS = 6;

  private S3Clients() {}

  /**
   * A client for AWS S3, or, with an endpoint, for an S3-compatible server addressed path-style
   * (MinIO, a test server).
   */
  public static S3Client create(Optional<URI> endpoint) {
    return create(
        endpoint,
        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build());
  }

  /** A client with another retry strategy (tests use a quick one). */
  static S3Client create(Optional<URI> endpoint, RetryStrategy retries) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .overrideConfiguration(o -> o.retryStrategy(retries));
    endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "cannot set up the S3 client: "
              + e.getMessage()
              + " (set AWS_REGION, and credentials through the usual AWS chain)",
          e);
    }
  }
}
