package dev.blackwater.aws;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * An endpoint that replaces AWS's for one service (an S3-compatible server, a local Secrets
 * Manager), as set by a variable such as {@code BLACKWATER_S3_ENDPOINT}: the handlers, the lake
 * store provider and the CLI parse them here, alike.
 */
public final class AwsEndpoint {

  private AwsEndpoint() {}

  /**
   * The endpoint that {@code value} names, empty when it is null or blank.
   *
   * @param name the variable or option the value comes from, for the message
   * @throws BlackwaterException CONFIGURATION, naming {@code name}, when the value is not an {@code
   *     http(s)://host[:port]} URL
   */
  public static Optional<URI> parse(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(trimmed, "expected http(s)://host[:port]");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          name + " '" + trimmed + "' is not an endpoint URL like http://localhost:9000",
          e);
    }
  }
}
