package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;

/** Opens a lake zone from its URI with whichever {@link LakeStoreProvider} serves the scheme. */
public final class LakeStores {

  private LakeStores() {}

  /**
   * Parses a zone location: a {@code file:} or {@code s3:} URI, or a plain path, taken as a local
   * directory.
   */
  public static URI parse(String option, String location) {
    if (location == null || location.isBlank()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "no "
              + option
              + " zone given: set --"
              + option
              + " to file:///path or s3://bucket/prefix");
    }
    if (!location.contains(":")) {
      return Path.of(location).toAbsolutePath().normalize().toUri();
    }
    try {
      URI uri = new URI(location);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      boolean valid =
          switch (scheme) {
            case "file" -> uri.getPath() != null && uri.getPath().startsWith("/");
            case "s3" -> uri.getHost() != null && !uri.getHost().isBlank();
            default -> false;
          };
      if (!valid) {
        throw new URISyntaxException(location, "expected file:///path or s3://bucket/prefix");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "malformed --"
              + option
              + " location '"
              + location
              + "': expected file:///path or s3://bucket/prefix",
          e);
    }
  }

  /** Opens the zone at {@code uri}. */
  public static LakeStore open(URI uri) {
    for (LakeStoreProvider provider : ServiceLoader.load(LakeStoreProvider.class)) {
      if (provider.scheme().equalsIgnoreCase(uri.getScheme())) {
        return provider.open(uri);
      }
    }
    throw new BlackwaterException(
        ErrorCode.CONFIGURATION,
        "no lake store for " + uri + " (supported: file:// here; s3:// needs the AWS module)");
  }
}
