package dev.blackwater.lake;

import java.net.URI;
import java.nio.file.Path;

/** {@code file:///path/to/dir} zones. */
public final class LocalLakeStoreProvider implements LakeStoreProvider {

  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public LakeStore open(URI uri) {
    return new LocalLakeStore(Path.of(uri));
  }
}
