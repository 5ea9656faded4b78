package dev.blackwater.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stream into a new lake object. The object appears only when {@link #commit()} succeeds, with
 * put-if-absent semantics; {@link #close()} without a commit discards everything written. Counts
 * the bytes and computes the SHA-256 of what passes through.
 */
public abstract class LakeWriter extends OutputStream {

  private final String key;
  private final MessageDigest digest;
  private long bytes;
  private boolean finished;

  protected LakeWriter(String key) {
    this.key = key;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** The key this writer creates. */
  public String key() {
    return key;
  }

  /** Bytes written so far. */
  public long bytesWritten() {
    return bytes;
  }

  @Override
  public final void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public final void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("writer for " + key + " is already closed");
    }
    digest.update(b, off, len);
    bytes += len;
    writeContent(b, off, len);
  }

  /**
   * Makes the object visible under its key if no object has that key yet.
   *
   * @throws LakeObjectExistsException if another writer created the key first
   */
  public final StoredObject commit() throws IOException {
    if (finished) {
      throw new IOException("writer for " + key + " is already closed");
    }
    finished = true;
    boolean committed = false;
    try {
      publish();
      committed = true;
    } finally {
      if (!committed) {
        discard();
      }
    }
    return new StoredObject(key, bytes, HexFormat.of().formatHex(digest.digest()));
  }

  /** Discards the content unless committed. */
  @Override
  public final void close() throws IOException {
    if (!finished) {
      finished = true;
      discard();
    }
  }

  /** Stores more content (not yet visible). */
  protected abstract void writeContent(byte[] b, int off, int len) throws IOException;

  /** Makes the content visible under the key, failing if the key exists. */
  protected abstract void publish() throws IOException;

  /** Throws away what was written; must not fail when nothing was written. */
  protected abstract void discard() throws IOException;
}
