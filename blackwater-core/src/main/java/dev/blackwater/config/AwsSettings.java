package dev.blackwater.config;

import java.net.URI;
import java.util.Optional;

/**
 * How to build the AWS clients (the AWS module does; core has no AWS SDK).
 *
 * @param region the region, or empty for the SDK's own chain ({@code AWS_REGION}, the profile)
 * @param s3Endpoint an S3-compatible server instead of AWS's, addressed path-style
 * @param secretsEndpoint a Secrets Manager compatible endpoint instead of AWS's
 */
public record AwsSettings(
    Optional<String> region, Optional<URI> s3Endpoint, Optional<URI> secretsEndpoint) {

  /** AWS's own endpoints, the SDK's region. */
  public static AwsSettings defaults() {
    return new AwsSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
