package dev.blackwater.aws.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 client of the Glue catalog's {@code S3FileIO}: Iceberg names this class in the catalog's
 * properties ({@code s3.client-factory-impl}) and builds it with no arguments, so its settings
 * (region, endpoint) come from those properties. Every object Iceberg writes (metadata, manifest
 * lists, manifests: each under a new name) carries {@code If-None-Match: *}, the condition the
 * processed zone's bucket policy demands of every write; without it S3 would refuse each commit.
 */
public final class PutIfAbsentS3Clients implements S3FileIOAwsClientFactory {

  private static final long serialVersionUID = 1L;

  private Map<String, String> properties = Map.of();

  @Override
  public void initialize(Map<String, String> catalogProperties) {
    this.properties = Map.copyOf(catalogProperties);
  }

  @Override
  public S3Client s3() {
    S3ClientBuilder builder =
        S3Client.builder()
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new IfNoneMatch()));
    String region = properties.get(AwsClientProperties.CLIENT_REGION);
    if (region != null) {
      builder.region(Region.of(region));
    }
    String endpoint = properties.get(S3FileIOProperties.ENDPOINT);
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    builder.forcePathStyle(
        Boolean.parseBoolean(properties.get(S3FileIOProperties.PATH_STYLE_ACCESS)));
    return builder.build();
  }

  /** Not used: S3FileIO asks for it only with the CRT client or the analytics accelerator. */
  @Override
  public S3AsyncClient s3Async() {
    throw new UnsupportedOperationException(
        "the Glue catalog's S3FileIO uses the synchronous client only");
  }

  /** Adds {@code If-None-Match: *} to each write that creates an object. */
  static final class IfNoneMatch implements ExecutionInterceptor {

    @Override
    public SdkRequest modifyRequest(
        Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
      SdkRequest request = context.request();
      if (request instanceof PutObjectRequest put && put.ifNoneMatch() == null) {
        return put.toBuilder().ifNoneMatch("*").build();
      }
      if (request instanceof CompleteMultipartUploadRequest complete
          && complete.ifNoneMatch() == null) {
        return complete.toBuilder().ifNoneMatch("*").build();
      }
      return request;
    }
  }
}
