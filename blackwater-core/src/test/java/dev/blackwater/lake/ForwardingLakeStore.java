package dev.blackwater.lake;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A real lake store that fault tests wrap: every call goes to the store it wraps, so a test
 * overrides only the calls it changes and the rest behave exactly as the real store does (its
 * commit marks, local files and unfinished writes included, which a wrapper that forgets one would
 * silently replace by the interface's defaults).
 */
public abstract class ForwardingLakeStore implements LakeStore {

  protected final LakeStore delegate;

  protected ForwardingLakeStore(LakeStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public URI uri() {
    return delegate.uri();
  }

  @Override
  public LakeWriter create(String key) {
    return delegate.create(key);
  }

  @Override
  public InputStream open(String key) {
    return delegate.open(key);
  }

  @Override
  public LakePage list(String prefix, String startAfter) {
    return delegate.list(prefix, startAfter);
  }

  @Override
  public boolean exists(String key) {
    return delegate.exists(key);
  }

  @Override
  public Optional<Path> localFile(String key) {
    return delegate.localFile(key);
  }

  @Override
  public void markCommitted(Collection<String> keys) {
    delegate.markCommitted(keys);
  }

  @Override
  public boolean expiresUncommitted() {
    return delegate.expiresUncommitted();
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public List<LakeObject> unfinished() {
    return delegate.unfinished();
  }
}
