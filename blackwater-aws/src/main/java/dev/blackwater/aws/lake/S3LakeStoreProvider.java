package dev.blackwater.aws.lake;

import dev.blackwater.aws.AwsEndpoint;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStoreProvider;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code s3://bucket/prefix} zones, found by {@link dev.blackwater.lake.LakeStores#open} through
 * {@link java.util.ServiceLoader}. The S3 endpoint is AWS's, unless {@code BLACKWATER_S3_ENDPOINT}
 * (or the system property {@code blackwater.s3.endpoint}) names an S3-compatible server, addressed
 * path-style. One client per endpoint is shared by every zone of the process.
 */
public final class S3LakeStoreProvider implements LakeStoreProvider {

  static final String ENDPOINT_ENV = "BLACKWATER_S3_ENDPOINT";
  static final String ENDPOINT_PROPERTY = "blackwater.s3.endpoint";

  private static final Map<String, S3Client> CLIENTS = new ConcurrentHashMap<>();

  private final Function<String, String> environment;

  public S3LakeStoreProvider() {
    this(System::getenv);
  }

  S3LakeStoreProvider(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public LakeStore open(URI uri) {
    Optional<URI> endpoint = endpoint();
    S3Client client =
        CLIENTS.computeIfAbsent(
            endpoint.map(URI::toString).orElse(""), k -> S3Clients.create(endpoint));
    return new S3LakeStore(client, uri);
  }

  Optional<URI> endpoint() {
    String fromEnvironment = environment.apply(ENDPOINT_ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return AwsEndpoint.parse(ENDPOINT_ENV, fromEnvironment);
    }
    return AwsEndpoint.parse(ENDPOINT_PROPERTY, System.getProperty(ENDPOINT_PROPERTY));
  }
}
