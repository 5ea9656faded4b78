package dev.blackwater.aws.lake;

import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStoreProvider;
import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
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
    String value =
        Optional.ofNullable(environment.apply(ENDPOINT_ENV))
            .filter(v -> !v.isBlank())
            .orElse(System.getProperty(ENDPOINT_PROPERTY, ""));
    if (value.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(value, "expected http(s)://host:port");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          ENDPOINT_ENV + " '" + value + "' is not an endpoint URL like http://localhost:9000",
          e);
    }
  }
}
