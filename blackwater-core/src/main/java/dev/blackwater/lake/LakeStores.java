package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Opens lake zones by their URI's scheme: {@code file} here, {@code s3} when the composition root
 * (the command line's {@code Main}, a Lambda handler) adds the AWS module's store with the client
 * it built.
 */
public final class LakeStores {

  private final Map<String, Function<URI, LakeStore>> openers;

  private LakeStores(Map<String, Function<URI, LakeStore>> openers) {
    this.openers = Map.copyOf(openers);
  }

  /** Local directories only: {@code file:///path}. */
  public static LakeStores local() {
    return new LakeStores(Map.of("file", uri -> new LocalLakeStore(Path.of(uri))));
  }

  /** These stores and {@code scheme}'s, opened by {@code opener}. */
  public LakeStores with(String scheme, Function<URI, LakeStore> opener) {
    Map<String, Function<URI, LakeStore>> more = new TreeMap<>(openers);
    more.put(scheme.toLowerCase(Locale.ROOT), opener);
    return new LakeStores(more);
  }

  /** Opens the zone at {@code uri}. */
  public LakeStore open(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Function<URI, LakeStore> opener = openers.get(scheme);
    if (opener == null) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "no lake store for "
              + uri
              + " (this process opens "
              + String.join(", ", new TreeMap<>(openers).keySet())
              + " zones)");
    }
    return opener.apply(uri);
  }
}
