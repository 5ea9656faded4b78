package dev.blackwater.aws;

import dev.blackwater.config.AwsSettings;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** AWS clients for tests: a test server's endpoint, a fixed region. */
public final class TestAws {

  private TestAws() {}

  /** Clients for the S3 (or Secrets Manager) server at {@code endpoint}. */
  public static AwsClients clients(URI endpoint) {
    return new AwsClients(settings(endpoint));
  }

  /** Clients for the server at {@code endpoint} whose S3 requests retry with {@code retries}. */
  public static AwsClients clients(URI endpoint, RetryStrategy retries) {
    return new AwsClients(settings(endpoint), retries);
  }

  private static AwsSettings settings(URI endpoint) {
    return new AwsSettings(Optional.of("eu-west-2"), Optional.of(endpoint), Optional.of(endpoint));
  }
}
