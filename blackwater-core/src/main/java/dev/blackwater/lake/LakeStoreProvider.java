package dev.blackwater.lake;

import java.net.URI;

/**
 * Opens lake zones of one URI scheme. Implementations register through {@link
 * java.util.ServiceLoader}: the core provides {@code file}, the AWS module {@code s3}.
 */
public interface LakeStoreProvider {

  /** The URI scheme served, e.g. {@code file}. */
  String scheme();

  /** Opens the zone at {@code uri}. */
  LakeStore open(URI uri);
}
