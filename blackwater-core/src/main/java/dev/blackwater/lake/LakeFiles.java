package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.Manifest.ObjectRef;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Moves objects between a lake zone and local files, which is where DuckDB reads and writes: a
 * download is checked against the size and SHA-256 its manifest records while it streams.
 */
public final class LakeFiles {

  private LakeFiles() {}

  /**
   * Copies {@code object} to {@code target}, checking its size and checksum.
   *
   * @throws BlackwaterException DATA_QUALITY naming the object when it is missing or differs from
   *     what the manifest of {@code batch} recorded
   */
  public static void download(LakeStore lake, String batch, ObjectRef object, Path target) {
    copy(lake, batch, object, target);
  }

  /**
   * An object as a local file whose size and SHA-256 are those its manifest records: the store's
   * own file when it keeps one on local disk (read once to check it, never copied), otherwise a
   * download to {@code downloadTo}, checked while it streams.
   *
   * @throws BlackwaterException DATA_QUALITY naming the object when it is missing or differs from
   *     what the manifest of {@code batch} recorded
   */
  public static LocalObject checked(
      LakeStore lake, String batch, ObjectRef object, Path downloadTo) {
    Optional<Path> inPlace = lake.localFile(object.key());
    if (inPlace.isEmpty()) {
      download(lake, batch, object, downloadTo);
      return new LocalObject(downloadTo, true);
    }
    MessageDigest digest = sha256();
    long bytes;
    try (InputStream in = Files.newInputStream(inPlace.get())) {
      byte[] buffer = new byte[1 << 16];
      bytes = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        bytes += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + object.key() + " from " + lake.uri() + ": " + e.getMessage(), e);
    }
    checkDigest(batch, object, bytes, digest);
    return new LocalObject(inPlace.get(), false);
  }

  /**
   * A checked object on local disk.
   *
   * @param file where it is
   * @param temporary whether it is a copy of ours (deleted once read) or the store's own file
   *     (never touched)
   */
  public record LocalObject(Path file, boolean temporary) {

    /** Deletes the file if it is a copy of ours. */
    public void discard() {
      if (temporary) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove " + file, e);
        }
      }
    }
  }

  private static void copy(LakeStore lake, String batch, ObjectRef object, Path target) {
    MessageDigest digest = sha256();
    CountingInputStream counted;
    try (InputStream raw = lake.open(object.key())) {
      counted = new CountingInputStream(new DigestInputStream(raw, digest));
      try (OutputStream out = Files.newOutputStream(target)) {
        counted.transferTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + object.key() + " from " + lake.uri() + ": " + e.getMessage(), e);
    } catch (LakeObjectMissingException e) {
      throw new BlackwaterException(
          e.code(), "object " + object.key() + " of batch " + batch + ": " + e.getMessage(), e);
    }
    checkDigest(batch, object, counted.count, digest);
  }

  private static void checkDigest(
      String batch, ObjectRef object, long bytes, MessageDigest digest) {
    String sha = HexFormat.of().formatHex(digest.digest());
    if (bytes != object.bytes() || !sha.equals(object.sha256())) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "object "
              + object.key()
              + " of batch "
              + batch
              + " is corrupt: "
              + bytes
              + " bytes with SHA-256 "
              + sha
              + ", the manifest says "
              + object.bytes()
              + " bytes with "
              + object.sha256());
    }
  }

  private static BlackwaterException corrupt(
      ObjectRef object, String batch, String why, Exception cause) {
    return new BlackwaterException(
        ErrorCode.DATA_QUALITY,
        "object " + object.key() + " of batch " + batch + " is corrupt: " + why,
        cause);
  }

  /** Counts the bytes read through it. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /**
   * The object under {@code key} as a local file: the zone's own when it is local, else a copy
   * fetched to {@code work/files/<key>} (the caller removes {@code work}).
   */
  public static Path localOrCopy(LakeStore lake, String key, Path work) {
    Optional<Path> inPlace = lake.localFile(key);
    if (inPlace.isPresent()) {
      return inPlace.get();
    }
    Path copy = work.resolve("files").resolve(key);
    try (InputStream in = lake.open(key)) {
      Files.createDirectories(copy.getParent());
      Files.copy(in, copy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + key + " from " + lake.uri(), e);
    }
    return copy;
  }

  /** Writes a local file to the lake under {@code key}, with put-if-absent. */
  public static StoredObject upload(LakeStore lake, Path source, String key) {
    try (LakeWriter writer = lake.create(key)) {
      Files.copy(source, writer);
      return writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + key + " to " + lake.uri() + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
